import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { cardClass } from "@/components/ui/styles";
import { RetryEmailForm } from "@/components/notices/notice-forms";
import { FormMessage } from "@/components/ui/form-message";
import { retryEmailAction } from "@/lib/server/actions/notices";
import { listOutbox, OUTBOX_STATES, type OutboxRow } from "@/lib/server/data/notices/outbox-list";
import { parsePage } from "@/lib/server/data/paging";
import { getDateTimeFormatter } from "@/lib/server/format";
import { mailerStatus } from "@/lib/server/mailer";
import { requirePageViewer } from "@/lib/server/session";
import type { OutboxState } from "@/lib/generated/sqlite/enums";

export const metadata: Metadata = { title: "Outbox" };

const STATE_NAMES: Record<OutboxState, string> = { WAITING: "Waiting", SENT: "Sent", FAILED: "Given up" };

/** The emails Rollbook sends students, as they wait, go, or fail: what would be sent, even with no mail server set. */
export default async function OutboxPage({ searchParams }: PageProps<"/admin/outbox">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const state = OUTBOX_STATES.find((s) => s === params.state) ?? null;
  const [list, formatTime] = await Promise.all([listOutbox(viewer, { state, page: parsePage(params.page) }), getDateTimeFormatter()]);
  const { server, from } = mailerStatus();
  const stateText = (e: Omit<OutboxRow, "id">) => {
    if (e.state === "SENT") return `Sent ${formatTime(e.sentAt!)}`;
    if (e.state === "FAILED") return `Given up after ${plural(e.attempts, "attempt")}: ${e.lastError ?? "no reason given"}`;
    if (!server) return "Waiting for a mail server";
    return e.attempts === 0 ? "Waiting to be sent" : `Trying again ${formatTime(e.dueAt)} (${plural(e.attempts, "attempt")}: ${e.lastError ?? ""})`;
  };
  const filterLink = (s: OutboxState | null, label: string) => (
    <Link
      key={label}
      href={s ? `/admin/outbox?state=${s}` : "/admin/outbox"}
      aria-current={state === s ? "page" : undefined}
      className={`rounded-md border px-3 py-1 text-sm no-underline ${state === s ? "border-indigo-700 bg-slate-100 font-semibold" : "border-slate-300"}`}
    >
      {label}
    </Link>
  );
  return (
    <>
      <PageTitle title="Outbox" />
      <div className={`${cardClass} mb-6 text-sm`}>
        {server ? (
          <p>
            Emails go through the mail server at <strong>{server}</strong>, from {from}, a few seconds after the change they tell of. One the
            server turns away for now is tried again, waiting longer each time.
          </p>
        ) : (
          <p>
            <strong>No mail server is set</strong>, so nothing is emailed: the emails wait here, and go once <code>SMTP_URL</code> is set
            (see the README). Students see every notice in their inbox either way.
          </p>
        )}
      </div>
      <div className={cardClass}>
        <nav aria-label="Show" className="mb-3 flex flex-wrap gap-2">
          {filterLink(null, `All (${list.counts.WAITING + list.counts.SENT + list.counts.FAILED})`)}
          {OUTBOX_STATES.map((s) => filterLink(s, `${STATE_NAMES[s]} (${list.counts[s]})`))}
        </nav>
        {params.retried === "1" ? (
          <div className="mb-3">
            <FormMessage state={{ status: "ok", message: "It will be sent again: it waits with the others below." }} />
          </div>
        ) : null}
        <p className="mb-2 text-sm text-slate-700" role="status">
          {list.total === 0
            ? (state ? `No emails ${STATE_NAMES[state].toLowerCase()}.` : "No emails yet.")
            : `${plural(list.total, "email")}${state ? ` ${STATE_NAMES[state].toLowerCase()}` : ""}, newest first.`}
        </p>
        {list.total === 0 ? null : <DataTable
          rows={list.rows.map((e) => ({ ...e, id: String(e.id), emailId: e.id }))}
          columns={[
            { header: "To", cell: (e) => `${e.toName} <${e.toAddress}>` },
            {
              header: "Email",
              cell: (e) => (
                <details>
                  <summary className="cursor-pointer">{e.subject}</summary>
                  <pre className="mt-2 whitespace-pre-wrap font-sans text-xs text-slate-700">{e.body}</pre>
                </details>
              ),
            },
            { header: "Queued", cell: (e) => formatTime(e.createdAt) },
            {
              header: "State",
              cell: (e) => (
                <>
                  {stateText(e)}
                  {e.state === "FAILED" ? <RetryEmailForm action={retryEmailAction.bind(null, e.emailId)} subject={e.subject} /> : null}
                </>
              ),
            },
          ]}
        />}
        <Pagination basePath="/admin/outbox" page={list.page} pageCount={list.pageCount} params={{ state: state ?? "" }} />
      </div>
    </>
  );
}
