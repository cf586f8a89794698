import { ButtonForm } from "@/components/admin/school-account-forms";
import { cardClass } from "@/components/ui/styles";
import { unlinkSchoolAccountAction } from "@/lib/server/actions/school-accounts";
import type { listSchoolAccounts } from "@/lib/server/data/access/school-accounts";
import { getDateTimeFormatter } from "@/lib/server/format";
import { schoolProviders } from "@/lib/server/school-accounts";

const HOW = { approved: "approved by an admin", email: "by verified email", sourcedId: "by sourcedId", created: "made at first sign-in" } as Record<string, string>;

/** On a student's or teacher's edit page: how their login signs in (a password, school accounts), each school account with Unlink. */
export async function SchoolAccountsCard({
  hasPassword,
  accounts,
}: {
  hasPassword: boolean | null;
  accounts: Awaited<ReturnType<typeof listSchoolAccounts>>;
}) {
  const formatWhen = await getDateTimeFormatter();
  const name = (id: string) => schoolProviders.find((p) => p.id === id)?.name ?? id;
  return (
    <section aria-labelledby="sign-in-methods" className={`${cardClass} mt-6`}>
      <h2 id="sign-in-methods" className="mb-2 text-lg font-semibold">
        How they sign in
      </h2>
      <ul className="space-y-2 text-sm">
        <li>{hasPassword === null ? "No login yet." : hasPassword ? "A password." : "No password."}</li>
        {accounts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2">
            <span>
              {name(a.provider)} · {a.email ?? "no email"} · linked {HOW[a.how] ?? a.how}, {formatWhen(a.createdAt)}
              {a.lastUsedAt ? ` · last used ${formatWhen(a.lastUsedAt)}` : ""}
            </span>
            <ButtonForm action={unlinkSchoolAccountAction.bind(null, a.id)} submit="Unlink" label={`Unlink ${a.email ?? name(a.provider)}`} />
          </li>
        ))}
        {accounts.length === 0 ? <li>No school account linked.</li> : null}
      </ul>
    </section>
  );
}
