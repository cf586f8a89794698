import type { Metadata } from "next";
import { NewTokenForm, RevokeTokenForm } from "@/components/admin/api-token-forms";
import { PageTitle } from "@/components/ui/page-title";
import { headerLabels } from "@/components/ui/table-head";
import { cardClass } from "@/components/ui/styles";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/server/actions/api-tokens";
import { listApiTokens } from "@/lib/server/data/access/api-tokens";
import { getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const viewer = await requirePageViewer("ADMIN");
  const [tokens, formatWhen] = await Promise.all([listApiTokens(viewer), getDateTimeFormatter()]);
  return (
    <>
      <PageTitle title="API tokens" />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="new" className={cardClass}>
          <h2 id="new" className="mb-3 text-lg font-semibold">
            New token
          </h2>
          <NewTokenForm action={createApiTokenAction} />
          <p className="mt-4 text-sm text-slate-700">
            A token acts as you. Send it as <code>Authorization: Bearer …</code>; the API is described in{" "}
            <a href="/api/v1/openapi.json">openapi.json</a>.
          </p>
        </section>
        <section aria-labelledby="tokens" className={`${cardClass} lg:col-span-2`}>
          <h2 id="tokens" className="mb-3 text-lg font-semibold">
            Tokens
          </h2>
          {tokens.length === 0 ? (
            <p className="text-sm text-slate-700">No tokens yet.</p>
          ) : (
            <table className="data-table w-full text-left text-sm" style={headerLabels(["Name", "Starts with", "May", "Made", "Last used", ""])}>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr className="[&>th]:py-2 [&>th]:pr-4">
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">May</th>
                  <th scope="col">Made</th>
                  <th scope="col">Last used</th>
                  <th scope="col"><span className="sr-only">Revoke</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => (
                  // Each column its own room (pr-4): "rb_Ab3…" beside "read and change" read as one before.
                  <tr key={t.id} className="align-top [&>td]:py-2 [&>td]:pr-4">
                    <td>{t.name}</td>
                    <td className="whitespace-nowrap font-mono">{t.prefix}…</td>
                    <td>{t.canWrite ? "read and change enrollments" : "read only"}</td>
                    <td>
                      {formatWhen(t.createdAt)} by {t.user.name}
                    </td>
                    <td>{t.lastUsedAt ? formatWhen(t.lastUsedAt) : "never"}</td>
                    <td>{t.revokedAt ? `Revoked ${formatWhen(t.revokedAt)}` : <RevokeTokenForm action={revokeApiTokenAction.bind(null, t.id)} name={t.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}
