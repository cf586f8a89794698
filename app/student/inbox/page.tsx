import type { Metadata } from "next";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { cardClass } from "@/components/ui/styles";
import { DeliveryForm, MarkReadForm } from "@/components/notices/notice-forms";
import { markNoticesReadAction, setEmailNoticesAction } from "@/lib/server/actions/notices";
import { getInbox } from "@/lib/server/data/notices/inbox";
import { parsePage } from "@/lib/server/data/paging";
import { getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Inbox" };

/** A student's notices: what changed in their classes that they didn't do themselves, newest first. */
export default async function InboxPage({ searchParams }: PageProps<"/student/inbox">) {
  const viewer = await requirePageViewer("STUDENT");
  const params = await searchParams;
  const [inbox, formatTime] = await Promise.all([getInbox(viewer, { page: parsePage(params.page) }), getDateTimeFormatter()]);
  const newest = inbox.rows[0]?.id;
  return (
    <>
      <PageTitle title="Inbox" />
      <div className="grid gap-6 md:grid-cols-[1fr_16rem]">
        <section aria-labelledby="notices-heading" className={`${cardClass} self-start`}>
          <h2 id="notices-heading" className="sr-only">
            Notices
          </h2>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-700" role="status">
              {inbox.total === 0 ? "Nothing yet." : `${plural(inbox.total, "notice")}, ${inbox.unread} unread.`}
            </p>
            {newest !== undefined ? <MarkReadForm action={markNoticesReadAction.bind(null, newest)} unread={inbox.unread} /> : null}
          </div>
          {inbox.total === 0 ? (
            <p className="text-sm text-slate-700">
              You&apos;ll be told here when a place comes free for you on a waitlist, when the school enrolls you in a class or takes you
              out of one, when a class of yours is cancelled or moves, and a day before a deadline of yours.
            </p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {inbox.rows.map((n) => (
                <li key={n.id} className={`py-3 ${n.read ? "" : "font-medium"}`}>
                  <p className="text-sm">
                    {n.read ? null : <span className="mr-2 rounded bg-indigo-700 px-1.5 py-0.5 text-xs font-semibold text-white">New</span>}
                    {n.text}
                  </p>
                  <p className="mt-1 text-xs font-normal text-slate-600">
                    <time dateTime={n.createdAt.toISOString()}>{formatTime(n.createdAt)}</time>
                  </p>
                </li>
              ))}
            </ol>
          )}
          <Pagination basePath="/student/inbox" page={inbox.page} pageCount={inbox.pageCount} label="Notice pages" />
        </section>
        <section aria-labelledby="delivery-heading" className={`${cardClass} self-start`}>
          <h2 id="delivery-heading" className="mb-2 text-base font-semibold">
            Email
          </h2>
          <p className="mb-3 text-sm text-slate-700">Every notice comes here. Your school can email it to you as well.</p>
          <DeliveryForm action={setEmailNoticesAction} email={inbox.emailNotices} />
        </section>
      </div>
    </>
  );
}
