import type { WeekPoint } from "@/lib/server/data/records/history";
import { escapeHtml, tableRowsHtml } from "@/lib/html";

const W = 640;
const H = 270;
const PAD = { left: 48, right: 12, top: 12, bottom: 30 };
// Two panels sharing the weeks: the number enrolled (a line) above, the week's changes (bars) below.
const LINE = { top: PAD.top, height: 80 };
const BARS = { top: PAD.top + 80 + 24, height: H - PAD.top - 80 - 24 - PAD.bottom };

/**
 * Enrollments and drops per week, as a server-drawn SVG: enrollments as solid
 * bars above the line, drops as hatched bars below it, the number enrolled as
 * a line with dots. Patterns, not colour alone, tell them apart, and the
 * same numbers follow as a table.
 *
 * The figure is static markup, written as one string (its text escaped): as
 * React elements, its ~300 elements were each serialised into the RSC
 * payload and rendered again to HTML on every view of the admin home.
 */
export function EnrollmentChart({ points, title, formatDay }: { points: WeekPoint[]; title: string; formatDay: (d: Date) => string }) {
  if (points.length === 0) return <p className="text-sm text-slate-700">No enrollments yet.</p>;
  return <figure dangerouslySetInnerHTML={{ __html: chartHtml(points, title, formatDay) }} />;
}

/** A number as SVG wants it: at most one decimal. */
const n = (value: number) => String(Math.round(value * 10) / 10);

export function chartHtml(points: WeekPoint[], title: string, formatDay: (d: Date) => string): string {
  const id = title.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
  const maxBar = Math.max(1, ...points.map((p) => Math.max(p.enrolled, p.dropped)));
  const maxTotal = Math.max(1, ...points.map((p) => p.total));
  const plotW = W - PAD.left - PAD.right;
  const mid = BARS.top + BARS.height / 2;
  const step = plotW / points.length;
  const barW = Math.max(2, Math.min(24, step * 0.6));
  const barH = (v: number) => (v / maxBar) * (BARS.height / 2);
  const lineY = (v: number) => LINE.top + LINE.height - (v / maxTotal) * LINE.height;
  const x = (i: number) => PAD.left + step * i + step / 2;
  const first = points[0]!;
  const last = points.at(-1)!;
  const summary = `${points.length} weeks from ${formatDay(first.week)} to ${formatDay(last.week)}: ${points.reduce((s, p) => s + p.enrolled, 0)} enrollments and ${points.reduce((s, p) => s + p.dropped, 0)} drops; ${last.total} enrolled at the end.`;
  const label = (tx: number, ty: number, text: string, end = true) =>
    `<text x="${n(tx)}" y="${n(ty)}"${end ? ' text-anchor="end"' : ""} font-size="11" fill="currentColor">${escapeHtml(text)}</text>`;
  const hatch = `url(#${id}-hatch)`;
  let bars = "";
  let dots = "";
  points.forEach((p, i) => {
    if (p.enrolled) bars += `<rect x="${n(x(i) - barW / 2)}" y="${n(mid - barH(p.enrolled))}" width="${n(barW)}" height="${n(barH(p.enrolled))}" class="fill-indigo-700"/>`;
    if (p.dropped) bars += `<rect x="${n(x(i) - barW / 2)}" y="${n(mid)}" width="${n(barW)}" height="${n(barH(p.dropped))}" fill="${hatch}" stroke="currentColor"/>`;
    dots += `<circle cx="${n(x(i))}" cy="${n(lineY(p.total))}" r="3" fill="currentColor"/>`;
  });
  const rows = tableRowsHtml(points, [
    { cell: (p) => formatDay(p.week) },
    { cell: (p) => String(p.enrolled), numeric: true },
    { cell: (p) => String(p.dropped), numeric: true },
    { cell: (p) => String(p.total), numeric: true },
  ]);
  return (
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" class="h-auto w-full text-slate-800">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(summary)}</desc>` +
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" class="fill-white"/><line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="2"/></pattern></defs>` +
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${LINE.top + LINE.height}" y2="${LINE.top + LINE.height}" class="stroke-slate-400"/>` +
    label(PAD.left - 6, LINE.top + 10, maxTotal.toLocaleString("en")) +
    label(PAD.left - 6, LINE.top + LINE.height, "0") +
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${n(mid)}" y2="${n(mid)}" class="stroke-slate-400"/>` +
    label(PAD.left - 6, BARS.top + 10, `+${maxBar}`) +
    label(PAD.left - 6, BARS.top + BARS.height, `−${maxBar}`) +
    bars +
    `<polyline points="${points.map((p, i) => `${n(x(i))},${n(lineY(p.total))}`).join(" ")}" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="5 3"/>` +
    dots +
    label(PAD.left, H - 8, formatDay(first.week), false) +
    label(W - PAD.right, H - 8, formatDay(last.week)) +
    `</svg>` +
    `<figcaption class="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-700">` +
    `<span><svg width="14" height="10" aria-hidden="true" class="mr-1 inline"><rect width="14" height="10" class="fill-indigo-700"/></svg>Enrollments in the week (solid bars, up)</span>` +
    `<span><svg width="14" height="10" aria-hidden="true" class="mr-1 inline text-slate-800"><rect width="14" height="10" fill="${hatch}" stroke="currentColor"/></svg>Drops in the week (hatched bars, down)</span>` +
    `<span><svg width="18" height="10" aria-hidden="true" class="mr-1 inline text-slate-800"><line x1="0" y1="5" x2="18" y2="5" stroke="currentColor" stroke-width="2" stroke-dasharray="5 3"/></svg>Enrolled in all (dashed line, top)</span>` +
    `</figcaption>` +
    `<details class="mt-2 text-sm"><summary class="cursor-pointer">The numbers, week by week</summary>` +
    `<table class="data-table mt-2 w-full max-w-md text-left"><thead class="border-b border-slate-200 text-slate-700"><tr>` +
    `<th scope="col" class="py-2">Week of</th><th scope="col" class="py-2 text-right">Enrolled</th>` +
    `<th scope="col" class="py-2 text-right">Dropped</th><th scope="col" class="py-2 text-right">In all</th></tr></thead>` +
    `<tbody class="divide-y divide-slate-100">${rows}</tbody></table></details>`
  );
}
