import type { Metadata } from "next";
import Link from "next/link";
import { RecordChange } from "@/components/history/timeline";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { FilterSelect } from "@/components/ui/search-form";
import { cardClass, inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { AUDIT_KINDS } from "@/lib/audit-text";
import { listAuditActors, listAuditEntries, parseAuditFilters } from "@/lib/server/data/records/audit";
import { parsePage } from "@/lib/server/data/paging";
import { getDateFormatter, getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Audit log" };

/**
 * Every change made to the school's records (the audit log, decision 036),
 * newest first: filtered by who, what and when, each entry with its fields
 * before and after, and the same as a CSV. Enrollments are on each class's
 * and student's history.
 */
export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const filters = parseAuditFilters(params);
  const [list, actors, formatWhen, formatDay] = await Promise.all([
    listAuditEntries(viewer, filters, parsePage(params.page)),
    listAuditActors(viewer),
    getDateTimeFormatter(),
    getDateFormatter(),
  ]);
  const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const query = new URLSearchParams(kept).toString();
  const filtered = query !== "";
  return (
    <>
      <PageTitle title="Audit log">
        <a href={`/admin/audit/audit.csv${query ? `?${query}` : ""}`} className={secondaryButtonClass} download>
          Download CSV
        </a>
      </PageTitle>
      <div className={cardClass}>
        <p className="mb-3 text-sm text-slate-700">
          Every change to a class, term, student, teacher or API token: who made it, when, how (a page, an import, a term copy, the API), and each
          field before and after. Entries are never changed or deleted. Enrollments are in each class&apos;s and student&apos;s history.
        </p>
        <form action="/admin/audit" method="get" className="flex flex-wrap items-end gap-2">
          <FilterSelect name="who" label="Who" value={filters.who} options={[{ value: "", label: "Anyone" }, ...actors.map((a) => ({ value: a.id, label: a.name }))]} />
          <FilterSelect
            name="kind"
            label="What"
            value={filters.kind}
            options={[{ value: "", label: "Any record" }, ...AUDIT_KINDS.map((k) => ({ value: k.kind, label: k.name }))]}
          />
          <label className="block text-sm font-medium text-slate-800">
            From
            <input type="date" name="from" defaultValue={filters.from} key={`from-${filters.from}`} className={inputClass} />
          </label>
          <label className="block text-sm font-medium text-slate-800">
            To
            <input type="date" name="to" defaultValue={filters.to} key={`to-${filters.to}`} className={inputClass} />
          </label>
          {filters.record ? <input type="hidden" name="record" value={filters.record} /> : null}
          <button type="submit" className={secondaryButtonClass}>
            Show
          </button>
        </form>
        <p className="mt-4 text-sm text-slate-700" role="status">
          {plural(list.total, "change")}
          {filters.record ? " to one record" : ""}
          {filtered ? (
            <>
              {" · "}
              <Link href="/admin/audit">Show all</Link>
            </>
          ) : null}
        </p>
        {list.rows.length ? (
          <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
            {list.rows.map((e) => (
              <RecordChange
                key={e.id}
                entry={e}
                formatWhen={formatWhen}
                formatDay={formatDay}
                label={
                  <Link href={`/admin/audit?record=${encodeURIComponent(e.recordId)}`} aria-label={`${e.label}: every change to it`}>
                    {e.label}
                  </Link>
                }
              />
            ))}
          </ol>
        ) : (
          <p className="mt-3 text-sm text-slate-700">{filtered ? "No change matches." : "No change has been made yet."}</p>
        )}
        <Pagination basePath="/admin/audit" page={list.page} pageCount={list.pageCount} params={kept} />
      </div>
    </>
  );
}
