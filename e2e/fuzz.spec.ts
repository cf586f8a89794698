import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createClass, e2eSql, insertApiToken, signIn } from "./fixtures";
import { serverLog } from "../playwright.config";

// Every server action and every route handler the build holds, sent
// malformed requests as each kind of user: a clear 4xx (or an ordinary
// answer), never a 5xx, and nothing saved changes (issue 10). The lists come
// from the build's own manifests, so an action or route added later is
// fuzzed too.

type Manifest = { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };
const actions = Object.entries((JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as Manifest).node);
const routes = Object.keys(JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>)
  .filter((path) => path.endsWith("/route"))
  .map((path) => path.slice(0, -"/route".length));

const deep = "[".repeat(5000) + "]".repeat(5000);
const huge = JSON.stringify(["x".repeat(1_000_000)]);

/** A server action's request, malformed one way each: [name, headers, body or multipart fields]. */
function actionCases(id: string): [string, Record<string, string>, string | Record<string, string>][] {
  const fetchAction = (type: string) => ({ "next-action": id, "content-type": type, accept: "text/x-component" });
  const text = fetchAction("text/plain;charset=UTF-8");
  return [
    ["not JSON", text, "not json"],
    ["no arguments", text, "[]"],
    ["an object", text, '{"a":1}'],
    ["nulls", text, "[null,null,null]"],
    ["wrong types", text, '[1,"x",{"y":[]},true]'],
    ["a missing part", text, '["$Q99","$K1"]'],
    ["a server reference", text, '["$h1"]'],
    ["nested 5,000 deep", text, deep],
    ["a 1 MB argument", text, huge],
    ["a multipart part not JSON", { "next-action": id }, { "0": "not json" }],
    ["a multipart body cut short", fetchAction("multipart/form-data; boundary=cut"), "--cut\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[1"],
    ["a form without JavaScript, any fields", {}, { [`$ACTION_ID_${id}`]: "", name: "\u0000".repeat(10), checked: "x" }],
    ["a form whose action part is not JSON", {}, { $ACTION_REF_1: "", "$ACTION_1:0": "{not json", "$ACTION_1:1": "[]" }],
    ["a form with a 1 MB bound argument", {}, { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id, bound: "$@1" }), "$ACTION_1:1": huge }],
    ["a form with bound arguments 3,000 deep", {}, { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id, bound: "$@1" }), "$ACTION_1:1": "[".repeat(3000) + "]".repeat(3000) }],
    ["a bound id holding NUL", {}, { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id, bound: "$@1" }), "$ACTION_1:1": JSON.stringify(["a\u0000b"]), ...nulFields }],
    ["NUL in every argument", text, JSON.stringify(["\u0000", "\u0000", { name: "\u0000" }])],
  ];
}

/** The fields the app's forms have, each holding NUL (U+0000) or another control character (issue 23). */
const nulFields: Record<string, string> = Object.fromEntries(
  ["name", "givenName", "familyName", "email", "title", "code", "description", "reason", "note", "q", "checked", "shown", "entry", "to", "teacherId", "termId", "meetings", "joinCode", "askWhom", "domain", "provider", "undo"].map(
    (field, i) => [field, i % 2 ? "x\u0000y" : "x\u0007\u001by"],
  ),
);

/** A route handler's request bodies, malformed one way each. */
const routeBodies: [string, Record<string, string>, string | undefined][] = [
  ["no body", {}, undefined],
  ["not JSON", { "content-type": "application/json" }, "not json"],
  ["a JSON array", { "content-type": "application/json" }, "[]"],
  ["wrong types", { "content-type": "application/json" }, '{"enrolled":"yes","courseId":7,"studentId":null,"on":{}}'],
  ["nested 5,000 deep", { "content-type": "application/json" }, deep],
  ["a 1 MB string", { "content-type": "application/json" }, JSON.stringify({ courseId: "x".repeat(1_000_000) })],
  ["a broken form", { "content-type": "application/x-www-form-urlencoded" }, "a=%&b=%E0%A4%A"],
  ["a multipart body cut short", { "content-type": "multipart/form-data; boundary=cut" }, "--cut\r\nContent-Disposition: form-data"],
  ["NUL in every value", { "content-type": "application/json" }, JSON.stringify({ ...nulFields, courseId: "\u0000", studentId: "\u0000", enrolled: true, join: true, overCapacity: "\u0000" })],
];

async function counts() {
  const [row] = await e2eSql([
    [
      `SELECT (SELECT COUNT(*) FROM "Student") AS students, (SELECT COUNT(*) FROM "Course") AS classes,
              (SELECT COUNT(*) FROM "Enrollment") AS enrollments, (SELECT COUNT(*) FROM "WaitlistEntry") AS waiting,
              (SELECT COUNT(*) FROM "Teacher") AS teachers, (SELECT COUNT(*) FROM "ApiToken") AS tokens`,
      [],
    ],
  ]);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

test("malformed requests to every server action and route answer 4xx, never 5xx, and change nothing", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const started = new Date().toISOString();
  const admin = await browser.newPage();
  await signIn(admin, "admin");
  const classUrl = await createClass(admin, { code: "FUZZ-1", title: "Fuzzed" });
  const courseId = classUrl.split("/").pop()!;
  const [{ id: studentId }] = (await e2eSql([[`SELECT "id" FROM "Student" ORDER BY "email" LIMIT 1`, []]])) as [{ id: string }];
  const token = await insertApiToken("admin@rollbook.test");
  const student = await browser.newPage();
  await signIn(student, "student");
  const anonymous = await browser.newPage();
  const viewers: [string, APIRequestContext, Record<string, string>][] = [
    ["signed out", anonymous.request, {}],
    ["a student", student.request, {}],
    ["an admin", admin.request, {}],
    ["an API client", anonymous.request, { authorization: `Bearer ${token}` }],
  ];
  const before = await counts();
  const fivehundreds: string[] = [];
  const answered = new Map<number, number>();
  const record = (what: string, status: number) => {
    answered.set(status, (answered.get(status) ?? 0) + 1);
    if (status >= 500) fivehundreds.push(`${status} ${what}`);
  };

  /** A page the action is on, with real ids in it: the action runs as far as the arguments let it. */
  const pathOf = (worker: string) =>
    worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]*\)/g, "")
      .replaceAll("[id]", courseId) || "/";
  // Signing out last, so that the other actions run signed in.
  const ordered = [...actions].sort(([, a], [, b]) => Number(a.exportedName === "logoutAction") - Number(b.exportedName === "logoutAction"));
  for (const [who, request, auth] of viewers.slice(0, 3)) {
    for (const [id, action] of ordered) {
      const path = pathOf(Object.keys(action.workers)[0]!);
      for (const [name, headers, body] of actionCases(id)) {
        const options = { headers: { ...auth, ...headers, origin: baseURL! }, maxRedirects: 0 };
        const response = await request.post(path, typeof body === "string" ? { ...options, data: body } : { ...options, multipart: body });
        record(`${action.exportedName} on ${path} as ${who}: ${name}`, response.status());
      }
    }
    const unknown = await request.post("/admin", { headers: { "next-action": "00".repeat(21), origin: baseURL! }, data: "[]" });
    record(`an unknown action as ${who}`, unknown.status());
  }

  const segments: Record<string, string[]> = {
    "[id]": [courseId, "no-such-id"],
    "[studentId]": [studentId, "no-such-id"],
    "[file]": ["students.csv", "nothing.txt"],
    "[...nextauth]": ["session", "csrf", "providers", "callback/credentials", "signin/credentials", "no-such-thing"],
  };
  const expand = (route: string): string[] => {
    const segment = Object.keys(segments).find((s) => route.includes(s));
    return segment ? segments[segment]!.flatMap((value) => expand(route.replace(segment, value))) : [route];
  };
  // Auth.js last: its signout would end the sessions the other requests use.
  const paths = routes.sort((a, b) => Number(a.includes("nextauth")) - Number(b.includes("nextauth"))).flatMap(expand);
  for (const [who, request, auth] of viewers) {
    for (const path of paths) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        for (const [name, headers, body] of method === "GET" ? routeBodies.slice(0, 1) : routeBodies) {
          const response = await request.fetch(path, { method, headers: { ...auth, ...headers, origin: baseURL! }, data: body, maxRedirects: 0 });
          record(`${method} ${path} as ${who}: ${name}`, response.status());
          // A method the route doesn't have: no body will change that.
          if (response.status() === 405) break;
        }
      }
    }
  }

  // Control characters in an address (a path segment, a query): refused at the front door, whoever asks.
  const pages = Object.keys(JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>)
    .filter((path) => path.endsWith("/page"))
    .map((path) => path.slice(0, -"/page".length).replace(/\/\([^)]*\)/g, "") || "/");
  for (const [who, request] of viewers.slice(0, 3)) {
    for (const page of pages) {
      for (const address of [`${page.replaceAll(/\[[^\]]+\]/g, courseId)}?q=%00`, `${page.replaceAll(/\[[^\]]+\]/g, "%00")}?page=%07`]) {
        const response = await request.get(address, { maxRedirects: 0 });
        record(`GET ${address} as ${who}`, response.status());
        if (response.status() !== 400) fivehundreds.push(`${response.status()} (not 400) GET ${address} as ${who}`);
      }
    }
  }

  expect(fivehundreds, "requests answered 5xx").toEqual([]);
  // The requests reached the checks they were written for.
  expect(answered.get(400) ?? 0).toBeGreaterThan(100);
  expect(answered.get(404) ?? 0).toBeGreaterThan(10);
  // Nothing saved changed, and the app still answers.
  expect(await counts()).toEqual(before);
  const fresh = await browser.newPage();
  await signIn(fresh, "admin");
  await fresh.goto(classUrl);
  await expect(fresh.getByRole("heading", { level: 1, name: "FUZZ-1 Fuzzed" })).toBeVisible();
  // The log: each refusal a warning with the request's id and no stack trace; no error at all.
  const lines = readFileSync(serverLog(), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; time: string; msg: string; requestId?: string; reason?: string })
    .filter((line) => line.time >= started);
  expect(lines.filter((line) => line.level >= 50), "errors logged").toEqual([]);
  const refusals = lines.filter((line) => line.msg === "request refused");
  expect(refusals.length).toBeGreaterThan(100);
  expect(refusals.every((line) => line.level === 40 && line.requestId && line.reason && !("err" in line) && !("stack" in line))).toBe(true);
  const malformed = await admin.request.post(classUrl, { headers: { "next-action": actions[0]![0], origin: baseURL! }, data: "not json" });
  expect(malformed.status()).toBe(400);
  const requestId = malformed.headers()["x-request-id"];
  await expect
    .poll(() => readFileSync(serverLog(), "utf8").split("\n").find((line) => line.includes(requestId!)))
    .toContain('"reason":"malformed server action request"');
  console.log(`fuzz: ${[...answered.values()].reduce((a, b) => a + b, 0)} requests: ${[...answered].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}`);
});
