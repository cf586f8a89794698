import { getViewer } from "@/lib/server/auth";
import { ForbiddenError } from "@/lib/server/authz";
import { auditEntriesForCsv, parseAuditFilters } from "@/lib/server/data/records/audit";
import { auditVia } from "@/lib/audit-text";
import { toCsv } from "@/lib/csv";

/**
 * The audit log as a CSV, with the page's filters: a line per field changed
 * (an entry without fields, a revoked token, is one line), times in UTC
 * (ISO 8601), values as stored. Admins only; 401 signed out.
 */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  const filters = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  let found;
  try {
    found = await auditEntriesForCsv(viewer, filters);
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Not found.", { status: 404 });
    throw error;
  }
  const value = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const rows: (string | number)[][] = [["Entry", "When (UTC)", "Who", "How", "Record kind", "Record id", "Record", "Change", "Field", "Before", "After", "Note"]];
  for (const e of found.rows) {
    const head = [e.id, e.at.toISOString(), e.who, auditVia(e.via), e.kind, e.recordId, e.label, e.what];
    if (e.changes.length === 0) rows.push([...head, "", "", "", e.note ?? ""]);
    for (const c of e.changes) rows.push([...head, c.label, value(c.before), value(c.after), e.note ?? ""]);
  }
  const headers: Record<string, string> = {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="rollbook-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    "Cache-Control": "private, no-store",
  };
  // More than one file holds: said in a header, and the newest are in the file.
  if (found.more) headers["X-Rollbook-Truncated"] = "true";
  return new Response(toCsv(rows), { headers });
}
