// What the server knows about the request being answered, shared by the
// server script (scripts/serve.mjs) and the app's code in the same process:
// its id, whether it posts to a page (a server action), whether the app's
// own action code has begun, and why the request was refused if it was.
//
// A server action's body is decoded by Next.js and React before any of the
// app's code runs; when decoding fails (not JSON, nested too deep, a reference
// to a part that isn't there) Next.js answers 500, although the fault is the
// request's. The server script answers such failures 400 instead: a 5xx from
// an action request whose action never began, or whose action refused its
// arguments, is the request's fault (docs/decisions/019).
import { AsyncLocalStorage } from "node:async_hooks";

/** The most a server action's body may be (next.config.ts): OneRoster uploads, three files of up to 20 MB. */
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

const KEY = Symbol.for("rollbook.request-context");
/** One store for the process, however many copies of this module the bundler makes. */
const storage = (globalThis[KEY] ??= new AsyncLocalStorage());

/** Runs `work` as the answer to one request. */
export function withRequest(context, work) {
  return storage.run(context, work);
}

/** The request being answered, or undefined outside one. */
export function currentRequest() {
  return storage.getStore();
}

/**
 * Whether a failed request failed for its own fault: one the app refused
 * (an action's arguments, a value no database takes), or an action request
 * the app never began.
 */
export function requestAtFault(context) {
  return Boolean(context?.refused || (context?.action && !context.actionBegan));
}

/**
 * Set by the server script on every request, whatever the client sent: "1"
 * when it asks for a document, "0" for an RSC payload (a client-side
 * navigation, refresh, prefetch or action), which Next.js hides from its
 * proxy. The page cache serves documents only (lib/server/page-cache.ts).
 */
export const DOCUMENT_HEADER = "x-rollbook-document";

/** Called first by every server action: failures from here on are the app's. */
export function actionBegins() {
  const context = storage.getStore();
  if (context) context.actionBegan = true;
}

/** An action's arguments are not what its page sends: refuse the request (400), logged as a warning. */
export class BadRequestError extends Error {
  constructor(reason) {
    super(`Bad request: ${reason}`);
    this.name = "BadRequestError";
    this.reason = reason;
  }
}

/** Why the request being answered was refused (refuseRequest), if it was. */
export function requestRefused() {
  return storage.getStore()?.refused;
}

export function refuseRequest(reason) {
  const context = storage.getStore();
  if (context) context.refused = reason;
  throw new BadRequestError(reason);
}
