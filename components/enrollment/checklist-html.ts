import { escapeHtml, escapeWrappable } from "@/lib/html";
import { packRows, unpackRows } from "@/lib/packed-rows";

/**
 * A checklist's rows, sent to the browser once, compactly, and drawn as one
 * HTML string both on the server and in the browser (docs/decisions/010):
 * a list of 500 classes is ~50 KB of HTML plus ~25 KB of data, where React
 * elements per row made it ~250 KB (markup plus the RSC payload's copy of it)
 * and took most of the page's render time.
 *
 * A row: [id, label, detail, enrolled since ("3 Sep 2026") or null].
 * The detail is text (a student's email) or a class's counts
 * [enrolled, capacity or null], shown as "197 / 400" and kept current after
 * a tick.
 */
export type ChecklistRow = [id: string, label: string, detail: string | [enrolled: number, capacity: number | null], since: string | null];

/** An attribute value, unquoted where HTML allows it (ids are), else quoted and escaped. */
function attr(value: string): string {
  return /^[A-Za-z0-9_.:-]+$/.test(value) ? value : `"${escapeHtml(value)}"`;
}

/** "197 / 400 · full" or "12 enrolled". */
export function countsText([enrolled, capacity]: [number, number | null]): string {
  return capacity === null ? `${enrolled} enrolled` : `${enrolled} / ${capacity}${enrolled >= capacity ? " · full" : ""}`;
}

/** A row's status: since when the link exists ("Enrolled 3 Sep 2026"), or nothing. */
export function sinceText(since: string | null): string {
  return since !== null ? `Enrolled ${since}` : "";
}

export function detailText(detail: ChecklistRow[2]): string {
  return typeof detail === "string" ? detail : countsText(detail);
}

/**
 * The list's items. Each checkbox is named by its label (and detail); the
 * status beside it says since when the link exists. `checked`, when given,
 * overrides which boxes are ticked (a refused Save without JavaScript shows
 * the boxes as the user left them).
 */
export function checklistHtml(rows: ChecklistRow[], checked?: Set<string> | null): string {
  let html = "";
  for (const [id, label, detail, since] of rows) {
    const on = checked ? checked.has(id) : since !== null;
    const text = detailText(detail);
    html +=
      `<li><label><input type=checkbox name=checked value=${attr(id)}${on ? " checked" : ""}>` +
      `<b>${escapeHtml(label)}</b>${text ? `<small> · ${escapeWrappable(text)}</small>` : ""}</label>` +
      `<span>${escapeHtml(sinceText(since))}</span>`; // </li> is optional: the next <li> closes it
  }
  return html;
}

// Counts travel as "\fenrolled/capacity" (capacity empty for no limit; a form
// feed, 2 bytes in JSON, that no email starts with); a missing date as "".
const COUNTS = "\f";

/** The rows as one string for the client component (lib/packed-rows.ts). */
export function packChecklist(rows: ChecklistRow[]): string {
  return packRows(
    rows.map(([id, label, detail, since]) => [
      id,
      label,
      typeof detail === "string" ? detail : `${COUNTS}${detail[0]}/${detail[1] ?? ""}`,
      since ?? "",
    ]),
  );
}

export function unpackChecklist(packed: string): ChecklistRow[] {
  return unpackRows(packed).map(([id = "", label = "", detail = "", since = ""]) => {
    let shown: ChecklistRow[2] = detail;
    if (detail.startsWith(COUNTS)) {
      const [enrolled = "0", capacity = ""] = detail.slice(1).split("/");
      shown = [Number(enrolled), capacity === "" ? null : Number(capacity)];
    }
    return [id, label, shown, since === "" ? null : since];
  });
}
