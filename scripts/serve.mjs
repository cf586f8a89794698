// Serves the built app on every core: what `npm start` runs after setup and
// build, and what the benchmarks start (docs/decisions/010).
//
//   node scripts/serve.mjs [-p PORT] [-H HOST]
//
// One Node.js process runs JavaScript on one core, so a single `next start`
// leaves the rest of the machine idle. This starts ROLLBOOK_WORKERS app
// processes (default: one per core) with Node's cluster module; they share
// the port, and the primary hands each new connection to the next worker in
// turn. App processes keep no state of their own (sessions are signed
// cookies; everything else is in the database), so any worker can answer any
// request. A worker that dies is replaced. SIGTERM or SIGINT stops them all.
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import { DATA_POLICY, NOT_PAGES, newNonce, pagePolicy, staticHeaders } from "../lib/security-headers.mjs";
import { log } from "../lib/log.mjs";
import { currentRequest, DOCUMENT_HEADER, requestAtFault, withRequest } from "../lib/request-context.mjs";
import { isPageWrite, refusal } from "./front-door.mjs";
import { signInFormTargets } from "../lib/sign-in-providers.mjs";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0";
const workers = Math.max(1, Number(process.env.ROLLBOOK_WORKERS ?? os.availableParallelism()));
// Behind a proxy, the header it writes the client's address in (e.g.
// x-forwarded-for, x-real-ip); unset, the connection's own address counts.
const clientHeader = process.env.ROLLBOOK_CLIENT_IP_HEADER?.toLowerCase() || null;
// The school's sign-in providers, where a sign-in button's form goes on to.
const formTargets = signInFormTargets();

/** A client-side navigation, prefetch, refresh or action: it asks for the RSC payload, not a document. */
function wantsRscPayload(req) {
  const h = req.headers;
  return h.rsc !== undefined || h["next-router-prefetch"] !== undefined || h["next-action"] !== undefined || /[?&]_rsc=/.test(req.url ?? "");
}

/** The address sign-in throttling counts (lib/server/client-address.ts). */
function clientAddress(req) {
  if (clientHeader) {
    const value = req.headers[clientHeader];
    // X-Forwarded-For: the last entry is the one the trusted proxy added.
    const last = (Array.isArray(value) ? value.join(",") : (value ?? "")).split(",").pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}
// Where this server's own pages can be fetched from (the page cache renders
// through it), and one secret shared by its processes, so that such a fetch
// can land on any of them (lib/server/page-cache.ts).
process.env.ROLLBOOK_INTERNAL_URL ??= `http://${hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname}:${port}`;
process.env.ROLLBOOK_RENDER_TOKEN ??= randomUUID();

/**
 * What Next.js and Auth.js write to the console, as the logger's JSON lines
 * with the request's id. An action request the app never began, or whose
 * action refused its arguments, failed for the request's fault: a warning
 * without a stack trace. Anything else is a real fault: an error, with one.
 */
function logConsole(level) {
  return (...args) => {
    const context = currentRequest();
    const err = args.find((arg) => arg instanceof Error);
    const text = args
      .filter((arg) => typeof arg === "string")
      .join(" ")
      .replace(/^\s*⨯\s*/, "")
      .trim();
    if (level === "error" && requestAtFault(context)) {
      const reason = context.refused ?? "malformed server action request";
      log.warn({ requestId: context.id, reason, detail: (err?.message ?? text).slice(0, 200) }, "request refused");
      return;
    }
    log[level]({ requestId: context?.id, err }, text || err?.message || "");
  };
}

/** As Next.js's own 500 answers it: 400 when the request was at fault (see logConsole). */
function answerForRequestFaults(res, context) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if (status >= 500 && requestAtFault(context)) status = 400;
    return writeHead.call(this, status, ...rest);
  };
}

async function serve() {
  process.env.NODE_ENV = "production";
  console.error = logConsole("error");
  console.warn = logConsole("warn");
  const { default: next } = await import("next");
  const app = next({ dev: false, hostname, port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    // Set here, whatever the request said.
    const address = clientAddress(req);
    req.headers["x-rollbook-client"] = address;
    const requestId = randomUUID();
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const refused = refusal(req);
    if (refused) {
      log.warn({ requestId, method: req.method, url: req.url?.slice(0, 200), address, reason: refused.reason }, "request refused");
      for (const { key, value } of staticHeaders) res.setHeader(key, value);
      res.writeHead(refused.status, { "Content-Type": "text/plain; charset=utf-8", "Content-Security-Policy": DATA_POLICY });
      res.end(refused.message);
      return;
    }
    // A page's Content-Security-Policy names a nonce of its own, on the
    // response and on the request, where Next.js reads it to put on the
    // page's scripts (docs/decisions/013). Set here, before Next.js: its
    // proxy could too, but made an empty page cost a third more.
    if (!NOT_PAGES.test(req.url ?? "/")) {
      const policy = pagePolicy(newNonce(), { formTargets });
      req.headers["content-security-policy"] = policy;
      res.setHeader("Content-Security-Policy", policy);
    }
    // Next.js hides a request's RSC headers from its proxy, so the page
    // cache (lib/server/page-cache.ts) can't tell a page's HTML from its RSC
    // payload there: said here, whatever the request said.
    req.headers[DOCUMENT_HEADER] = wantsRscPayload(req) ? "0" : "1";
    const context = { id: requestId, action: isPageWrite(req) };
    answerForRequestFaults(res, context);
    return withRequest(context, () => handle(req, res));
  });
  // As `next start` does: keep idle connections a little longer than a proxy would.
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname);
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (workers === 1 || !cluster.isPrimary) {
  await serve();
} else {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`Rollbook: app process ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
    setTimeout(() => cluster.fork(), 1000);
  });
  const stopAll = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once("SIGTERM", stopAll);
  process.once("SIGINT", stopAll);
  console.log(`Rollbook: ${workers} app processes on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
}
