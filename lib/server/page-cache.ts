import "server-only";
import { randomUUID } from "node:crypto";
import { sessionOf } from "@/lib/server/session-token";
import { pageStamp } from "@/lib/server/data/page-stamps";
import { nonceOf } from "@/lib/security-headers.mjs";
import { DOCUMENT_HEADER } from "@/lib/request-context.mjs";

/**
 * A cache of rendered class pages, in front of the App Router (proxy.ts), for
 * the pages a big class makes expensive: the teacher's roster and the admin's
 * class page. See docs/decisions/008.
 *
 * A rendered page is kept for the one user it was rendered for, with a stamp:
 * that user's row as the database has it now, the class's `version` and, for
 * the admin page, the "students" counter (database triggers bump both on
 * every write that could change the page). Every request decodes the session
 * and reads the stamp afresh, in one query; the page is served from memory
 * only when the user and the stamp are unchanged, so the answer (the page, a
 * 403 or a 404) is the one the page itself would give now. Anything else goes
 * to the page. The stamp lives in the database, so app servers side by side
 * see each other's writes at once.
 */

type Route = { pattern: RegExp; students: boolean };
const routes: Route[] = [
  { pattern: /^\/teacher\/classes\/([^/]+)$/, students: false },
  { pattern: /^\/admin\/classes\/([^/]+)$/, students: true },
];

/**
 * A rendered page: its body split where the nonce of its render stood, so
 * each response can carry a fresh one (the server script's, docs/decisions/013).
 */
type Stored = { status: number; headers: [string, string][]; parts: string[]; bytes: number };

/** Bytes kept at most (ROLLBOOK_PAGE_CACHE_MB, default 64; 0 turns the cache off). */
export function cacheBudget(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.ROLLBOOK_PAGE_CACHE_MB ?? 64);
  return Number.isFinite(mb) && mb > 0 ? mb * 2 ** 20 : 0;
}

const bytesOf = (page: Stored) => page.bytes;

/** A least-recently-used map of pages, bounded by the bytes of their bodies. */
export class PageStore {
  private entries = new Map<string, { stamp: string; page: Stored }>();
  private bytes = 0;
  constructor(private readonly budget: number) {}

  get(key: string, stamp: string): Stored | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.stamp !== stamp) {
      this.bytes -= bytesOf(entry.page);
      return undefined;
    }
    this.entries.set(key, entry); // most recently used goes last
    return entry.page;
  }

  set(key: string, stamp: string, page: Stored) {
    const size = bytesOf(page);
    if (size > this.budget / 4) return; // one page may not crowd out the rest
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= bytesOf(old.page);
    }
    this.entries.set(key, { stamp, page });
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(k);
      this.bytes -= bytesOf(e.page);
    }
  }

  get size() {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

const budget = cacheBudget();
const store = new PageStore(budget);
const pending = new Map<string, Promise<Stored>>();
// Marks the proxy's own request for a page it is about to cache, so that
// request goes through to the page. Private to this server: shared by its
// processes (scripts/serve.mjs), since the request may land on any of them.
const renderToken = process.env.ROLLBOOK_RENDER_TOKEN ?? randomUUID();
const RENDER_HEADER = "x-rollbook-render";
// Not passed on from the page's response to the browser.
const dropHeaders = new Set(["connection", "content-encoding", "content-length", "date", "keep-alive", "transfer-encoding"]);

function origin(): string {
  // `next start` records where it listens (with the port it chose).
  return process.env.ROLLBOOK_INTERNAL_URL ?? process.env.__NEXT_PRIVATE_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

async function render(request: Request, path: string): Promise<Stored> {
  const headers = new Headers({ [RENDER_HEADER]: renderToken, "accept-encoding": "identity" });
  // Only what the page reads (and what the key holds): the session and the language.
  for (const name of ["cookie", "accept-language"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const response = await fetch(origin() + path, { headers, redirect: "manual", cache: "no-store" });
  const body = await response.text();
  const nonce = nonceOf(response.headers.get("content-security-policy"));
  return {
    status: response.status,
    headers: [...response.headers].filter(([name]) => !dropHeaders.has(name)),
    parts: nonce ? body.split(nonce) : [body],
    bytes: Buffer.byteLength(body),
  };
}

// Next.js compresses what the proxy returns (it drops a Content-Encoding set
// here), so pages are kept as plain HTML.
function respond(page: Stored, cache: "hit" | "miss", nonce: string | null): Response {
  const headers = new Headers(page.headers);
  headers.set("x-rollbook-cache", cache);
  const body = page.status === 204 || page.status === 304 ? null : page.parts.join(nonce ?? "");
  return new Response(body, { status: page.status, headers });
}

const cacheable = (page: Stored) =>
  page.status === 200 &&
  page.headers.some(([k, v]) => k === "content-type" && v.startsWith("text/html")) &&
  !page.headers.some(([k]) => k === "set-cookie");

/**
 * The proxy's part: a Response for a class page from the cache (or rendered
 * now and kept), carrying `nonce` where its render's stood (a page rendered
 * without one has none to replace), or null to let the request through to
 * the App Router.
 */
export async function servePage(request: Request, nonce: string | null): Promise<Response | null> {
  if (request.method !== "GET" || request.headers.get(RENDER_HEADER) === renderToken) return null;
  // Only documents, as the server script says (client-side navigations,
  // refreshes and prefetches ask for the RSC payload); without it (`next
  // dev`), nothing is cached.
  if (request.headers.get(DOCUMENT_HEADER) !== "1") return null;
  if (budget === 0) return null;
  const url = new URL(request.url);
  const route = routes.find((r) => r.pattern.test(url.pathname));
  if (!route) return null;
  const session = await sessionOf(request.headers);
  if (!session) return null; // the page sends the visitor to sign in
  const { userId } = session;
  let courseId: string;
  try {
    courseId = decodeURIComponent(route.pattern.exec(url.pathname)![1]!);
  } catch {
    return null; // a malformed address: the page answers it
  }
  const stamp = await pageStamp(session.sessionId, courseId, route.students);
  if (!stamp) return null; // no such session (ended, expired) or class: the page says so

  const path = url.pathname + url.search;
  const key = `${userId} ${request.headers.get("accept-language") ?? ""} ${path}`;
  const hit = store.get(key, stamp);
  if (hit) return respond(hit, "hit", nonce);

  // The stamp was read before rendering: a write during the render leaves a
  // newer stamp in the database, so this page is never served for it.
  const flight = `${key} ${stamp}`;
  let rendering = pending.get(flight);
  if (!rendering) {
    rendering = render(request, path).then((page) => {
      if (cacheable(page)) store.set(key, stamp, page);
      return page;
    });
    pending.set(flight, rendering);
    void rendering.finally(() => pending.delete(flight)).catch(() => {});
  }
  try {
    return respond(await rendering, "miss", nonce);
  } catch (error) {
    // The page could not be fetched from this server (an unusual listen
    // address? set ROLLBOOK_INTERNAL_URL): serve it uncached instead.
    warnOnce(error);
    return null;
  }
}

let warned = false;
function warnOnce(error: unknown) {
  if (warned) return;
  warned = true;
  console.warn(`Page cache: could not fetch a page from ${origin()}; serving pages uncached.`, error);
}
