import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { parsePage } from "@/lib/server/data/paging";
import { STANDING_TEXT } from "@/components/admin/fields";
import { listTerms, termStandings } from "@/lib/server/data/catalog/terms";
import { getDateFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Terms" };

export default async function TermsPage({ searchParams }: PageProps<"/admin/terms">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const [list, formatDay] = await Promise.all([listTerms(viewer, { page: parsePage(params.page) }), getDateFormatter()]);
  const standings = termStandings(list.rows);
  return (
    <>
      <PageTitle title="Terms">
        <Link href="/admin/terms/new" className={buttonClass}>
          New term
        </Link>
      </PageTitle>
      <div className={cardClass}>
        <p className="mb-2 text-sm text-slate-700" role="status">
          {plural(list.total, "term")}. Students see the classes of the current and the next term, and the classes that have no term.
        </p>
        <DataTable
          rows={list.rows}
          columns={[
            { header: "Name", cell: (t) => <Link href={`/admin/terms/${t.id}`}>{t.name}</Link> },
            { header: "First day", cell: (t) => formatDay(t.startsOn) },
            { header: "Last day", cell: (t) => formatDay(t.endsOn) },
            { header: "Now", cell: (t) => STANDING_TEXT[standings.get(t.id)!] },
            { header: "Classes", cell: (t) => <Link href={`/admin/classes?term=${t.id}`}>{t.classCount}</Link>, numeric: true },
          ]}
        />
        <Pagination basePath="/admin/terms" page={list.page} pageCount={list.pageCount} />
      </div>
    </>
  );
}
