import type { Metadata } from "next";
import { headers } from "next/headers";
import { ButtonForm, RequestAnswers, RuleForm, SettingsForm } from "@/components/admin/school-account-forms";
import { PageTitle } from "@/components/ui/page-title";
import { headerLabels } from "@/components/ui/table-head";
import { cardClass } from "@/components/ui/styles";
import {
  approveLinkRequestAction,
  deleteSignInRuleAction,
  forgetLinkRequestAction,
  refuseLinkRequestAction,
  saveSignInRuleAction,
  saveSignInSettingsAction,
  unlinkSchoolAccountAction,
} from "@/lib/server/actions/school-accounts";
import {
  getSignInSettings,
  listAdminSchoolAccounts,
  listLinkRequests,
  listSignInRules,
} from "@/lib/server/data/access/school-accounts";
import { getDateTimeFormatter } from "@/lib/server/format";
import { schoolProviderProblems, schoolProviders } from "@/lib/server/school-accounts";
import { requirePageViewer } from "@/lib/server/session";
import { siteOrigin } from "@/lib/server/auth";

export const metadata: Metadata = { title: "School accounts" };

export default async function SignInPage() {
  const viewer = await requirePageViewer("ADMIN");
  const [requests, rules, settings, admins, formatWhen, origin] = await Promise.all([
    listLinkRequests(viewer),
    listSignInRules(viewer),
    getSignInSettings(),
    listAdminSchoolAccounts(viewer),
    getDateTimeFormatter(),
    // This site's address as the browser reached it (AUTH_URL, when set): what providers must be told.
    headers().then((h) => siteOrigin(h) ?? "http://localhost:3000"),
  ]);
  const providerName = (id: string) => schoolProviders.find((p) => p.id === id)?.name ?? id;
  return (
    <>
      <PageTitle title="School accounts" />
      <div className="space-y-6">
        <section aria-labelledby="providers" className={cardClass}>
          <h2 id="providers" className="mb-3 text-lg font-semibold">
            Providers
          </h2>
          {schoolProviders.length === 0 ? (
            <p className="text-sm text-slate-700">
              None is on: everyone signs in with a password. The README&apos;s &ldquo;Sign in with school accounts&rdquo; says how to turn on Google,
              Microsoft or any OpenID provider.
            </p>
          ) : (
            <table className="data-table w-full text-left text-sm" style={headerLabels(["Provider", "Issuer", "Who gets in", "Redirect URL to register"])}>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th scope="col" className="py-2">Provider</th>
                  <th scope="col" className="py-2">Issuer</th>
                  <th scope="col" className="py-2">Who gets in</th>
                  <th scope="col" className="py-2">Redirect URL to register</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {schoolProviders.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td className="break-all font-mono">{p.issuer}</td>
                    <td>
                      {p.id === "google"
                        ? `Workspace accounts of ${p.domains.join(", ")}`
                        : p.tenantId
                          ? `Accounts of tenant ${p.tenantId}`
                          : p.domains.length
                            ? `Verified emails at ${p.domains.join(", ")}`
                            : "Any account of this issuer"}
                    </td>
                    <td className="break-all font-mono">
                      {origin}/api/auth/callback/{p.id}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {schoolProviderProblems.length ? (
            <ul className="mt-3 list-disc pl-5 text-sm text-amber-900">
              {schoolProviderProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </section>

        <section aria-labelledby="requests" className={cardClass}>
          <h2 id="requests" className="mb-3 text-lg font-semibold">
            Asking to be linked ({requests.waiting.length})
          </h2>
          {requests.waiting.length === 0 ? (
            <p className="text-sm text-slate-700">No one is waiting.</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {requests.waiting.map((r) => {
                const who = r.email ?? r.name;
                return (
                  <li key={r.id} className="space-y-2 py-3" aria-label={`Request from ${who}`}>
                    <p className="text-sm">
                      <strong>{r.name}</strong> · {r.email ?? "no email"}
                      {r.email ? (r.emailVerified ? " (verified)" : " (not verified)") : ""} · {providerName(r.provider)}
                      {r.domain ? ` · ${r.domain}` : ""}
                      {r.sourcedId ? ` · sourcedId ${r.sourcedId}` : ""} · asked {formatWhen(r.askedAt)}
                    </p>
                    {r.note ? <p className="text-sm italic text-slate-800">&ldquo;{r.note}&rdquo;</p> : null}
                    <RequestAnswers
                      approve={approveLinkRequestAction.bind(null, r.id)}
                      refuse={refuseLinkRequestAction.bind(null, r.id)}
                      suggestion={r.suggestion}
                      who={who}
                    />
                  </li>
                );
              })}
            </ul>
          )}
          {requests.refused.length ? (
            <>
              <h3 className="mb-2 mt-4 font-semibold">Refused lately</h3>
              <ul className="divide-y divide-slate-200 text-sm">
                {requests.refused.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      {r.name} · {r.email ?? "no email"} · {providerName(r.provider)} · refused {r.refusedAt ? formatWhen(r.refusedAt) : ""}: {r.reason}
                    </span>
                    <ButtonForm action={forgetLinkRequestAction.bind(null, r.id)} submit="Let them ask again" label={`Forget the refusal of ${r.email ?? r.name}`} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section aria-labelledby="rules" className={cardClass}>
          <h2 id="rules" className="mb-1 text-lg font-semibold">
            Linking without asking
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            For a provider and a domain, an account may link by itself the first time it signs in: to the student or teacher with its verified
            email, or with the OneRoster sourcedId the provider sends; or, where no one has its email, as a new student. Admins&apos; logins are
            only ever linked by approval. No rule: everyone asks.
          </p>
          {rules.length ? (
            <table className="data-table mb-4 w-full text-left text-sm" style={headerLabels(["Provider", "Domain", "Links", ""])}>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th scope="col" className="py-2">Provider</th>
                  <th scope="col" className="py-2">Domain</th>
                  <th scope="col" className="py-2">Links</th>
                  <th scope="col" className="py-2"><span className="sr-only">Remove</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rules.map((rule) => (
                  <tr key={rule.id}>
                    <td>{providerName(rule.provider)}</td>
                    <td>{rule.domain}</td>
                    <td>
                      {[rule.linkByEmail && "by verified email", rule.linkBySourcedId && "by sourcedId", rule.createStudents && "makes new students"]
                        .filter(Boolean)
                        .join(", ")}
                    </td>
                    <td>
                      <ButtonForm action={deleteSignInRuleAction.bind(null, rule.id)} submit="Remove" label={`Remove the rule for ${rule.domain}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {schoolProviders.length ? (
            <RuleForm action={saveSignInRuleAction} providers={schoolProviders.map(({ id, name }) => ({ id, name }))} />
          ) : null}
        </section>

        <section aria-labelledby="passwords" className={cardClass}>
          <h2 id="passwords" className="mb-1 text-lg font-semibold">
            Passwords
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            Turn passwords off for a role to have it sign in with school accounts only. If the provider is down, a person with access to the server
            turns admins&apos; passwords back on with <code>npm run sign-in:passwords -- admins on</code>.
          </p>
          <SettingsForm action={saveSignInSettingsAction} settings={settings} />
        </section>

        <section aria-labelledby="admins" className={cardClass}>
          <h2 id="admins" className="mb-3 text-lg font-semibold">
            Admins&apos; school accounts
          </h2>
          <ul className="divide-y divide-slate-200 text-sm">
            {admins.map((a) => (
              <li key={a.id} className="py-2">
                <p>
                  {a.name} · {a.email}
                </p>
                {a.signInLinks.length === 0 ? (
                  <p className="text-slate-700">No school account linked.</p>
                ) : (
                  <ul className="mt-1 space-y-1">
                    {a.signInLinks.map((link) => (
                      <li key={link.id} className="flex flex-wrap items-center justify-between gap-2">
                        <span>
                          {providerName(link.provider)} · {link.email ?? "no email"} · linked {formatWhen(link.createdAt)}
                          {link.lastUsedAt ? ` · last used ${formatWhen(link.lastUsedAt)}` : ""}
                        </span>
                        <ButtonForm action={unlinkSchoolAccountAction.bind(null, link.id)} submit="Unlink" label={`Unlink ${link.email ?? providerName(link.provider)}`} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
