import Link from "next/link";
import type { Viewer } from "@/lib/server/authz";
import { logoutAction } from "@/lib/server/actions/auth";

/** The bar on every signed-in page: brand, the role's navigation, who is signed in, sign out. */
export type HeaderLink = { href: string; label: string; /** a count beside the label ("3" unread), with what it counts for screen readers */ badge?: { count: number; of: string } };

export function AppHeader({ viewer, links }: { viewer: Viewer; links: HeaderLink[] }) {
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to main content
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-indigo-800 no-underline">
          Rollbook
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="text-sm font-medium">
              {l.label}
              {l.badge && l.badge.count > 0 ? " " : null}
              {l.badge && l.badge.count > 0 ? (
                <span className="ml-1.5 rounded-full bg-indigo-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                  {l.badge.count}
                  <span className="sr-only"> {l.badge.of}</span>
                </span>
              ) : null}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-slate-700">
            {viewer.name} ({viewer.role.toLowerCase()})
          </span>
          <form action={logoutAction}>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
