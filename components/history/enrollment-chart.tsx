import type { WeekPoint } from "@/lib/server/data/history";

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
 */
export function EnrollmentChart({ points, title, formatDay }: { points: WeekPoint[]; title: string; formatDay: (d: Date) => string }) {
  if (points.length === 0) return <p className="text-sm text-slate-700">No enrollments yet.</p>;
  const id = title.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
  const maxBar = Math.max(1, ...points.map((p) => Math.max(p.enrolled, p.dropped)));
  const maxTotal = Math.max(1, ...points.map((p) => p.total));
  const plotW = W - PAD.left - PAD.right;
  const mid = BARS.top + BARS.height / 2;
  const step = plotW / points.length;
  const barW = Math.max(2, Math.min(24, step * 0.6));
  const barH = (n: number) => (n / maxBar) * (BARS.height / 2);
  const lineY = (n: number) => LINE.top + LINE.height - (n / maxTotal) * LINE.height;
  const x = (i: number) => PAD.left + step * i + step / 2;
  const first = points[0]!;
  const last = points.at(-1)!;
  const summary = `${points.length} weeks from ${formatDay(first.week)} to ${formatDay(last.week)}: ${points.reduce((n, p) => n + p.enrolled, 0)} enrollments and ${points.reduce((n, p) => n + p.dropped, 0)} drops; ${last.total} enrolled at the end.`;
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full text-slate-800">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="white" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" strokeWidth="2" />
          </pattern>
        </defs>
        <line x1={PAD.left} x2={W - PAD.right} y1={LINE.top + LINE.height} y2={LINE.top + LINE.height} stroke="#94a3b8" />
        <text x={PAD.left - 6} y={LINE.top + 10} textAnchor="end" fontSize="11" fill="currentColor">
          {maxTotal.toLocaleString("en")}
        </text>
        <text x={PAD.left - 6} y={LINE.top + LINE.height} textAnchor="end" fontSize="11" fill="currentColor">
          0
        </text>
        <line x1={PAD.left} x2={W - PAD.right} y1={mid} y2={mid} stroke="#94a3b8" />
        <text x={PAD.left - 6} y={BARS.top + 10} textAnchor="end" fontSize="11" fill="currentColor">
          +{maxBar}
        </text>
        <text x={PAD.left - 6} y={BARS.top + BARS.height} textAnchor="end" fontSize="11" fill="currentColor">
          −{maxBar}
        </text>
        {points.map((p, i) => (
          <g key={p.week.getTime()}>
            {p.enrolled ? <rect x={x(i) - barW / 2} y={mid - barH(p.enrolled)} width={barW} height={barH(p.enrolled)} fill="#4338ca" /> : null}
            {p.dropped ? (
              <rect x={x(i) - barW / 2} y={mid} width={barW} height={barH(p.dropped)} fill={`url(#${id}-hatch)`} stroke="currentColor" />
            ) : null}
          </g>
        ))}
        <polyline points={points.map((p, i) => `${x(i)},${lineY(p.total)}`).join(" ")} fill="none" stroke="#0f172a" strokeWidth="2" strokeDasharray="5 3" />
        {points.map((p, i) => (
          <circle key={p.week.getTime()} cx={x(i)} cy={lineY(p.total)} r="3" fill="#0f172a" />
        ))}
        <text x={PAD.left} y={H - 8} fontSize="11" fill="currentColor">
          {formatDay(first.week)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize="11" fill="currentColor">
          {formatDay(last.week)}
        </text>
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-700">
        <span>
          <svg width="14" height="10" aria-hidden="true" className="mr-1 inline">
            <rect width="14" height="10" fill="#4338ca" />
          </svg>
          Enrollments in the week (solid bars, up)
        </span>
        <span>
          <svg width="14" height="10" aria-hidden="true" className="mr-1 inline text-slate-800">
            <rect width="14" height="10" fill={`url(#${id}-hatch)`} stroke="currentColor" />
          </svg>
          Drops in the week (hatched bars, down)
        </span>
        <span>
          <svg width="18" height="10" aria-hidden="true" className="mr-1 inline">
            <line x1="0" y1="5" x2="18" y2="5" stroke="#0f172a" strokeWidth="2" strokeDasharray="5 3" />
          </svg>
          Enrolled in all (dashed line, top)
        </span>
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">The numbers, week by week</summary>
        <table className="data-table mt-2 w-full max-w-md text-left">
          <thead className="border-b border-slate-200 text-slate-700">
            <tr>
              <th scope="col" className="py-2">Week of</th>
              <th scope="col" className="py-2 text-right">Enrolled</th>
              <th scope="col" className="py-2 text-right">Dropped</th>
              <th scope="col" className="py-2 text-right">In all</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {points.map((p) => (
              <tr key={p.week.getTime()}>
                <td>{formatDay(p.week)}</td>
                <td className="text-right">{p.enrolled}</td>
                <td className="text-right">{p.dropped}</td>
                <td className="text-right">{p.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
