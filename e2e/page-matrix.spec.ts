/**
 * Every page and download route, requested directly (no UI) as each kind of
 * user: who gets the page, who is sent to sign in, who gets 403 or a 404 that
 * doesn't confirm the class exists. A route missing from ROUTES fails the test.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { accounts } from "./fixtures";

type Actor = "anonymous" | "student" | "otherStudent" | "teacher" | "otherTeacher" | "admin";
type Expected = number | "login";
const LOGINS: Record<Exclude<Actor, "anonymous">, keyof typeof accounts> = {
  student: "student",
  otherStudent: "student2",
  teacher: "teacher",
  otherTeacher: "teacher2",
  admin: "admin",
};

const only = (allowed: Actor[], denied: Expected = 403): Record<Actor, Expected> => ({
  anonymous: "login",
  student: allowed.includes("student") ? 200 : denied,
  otherStudent: allowed.includes("otherStudent") ? 200 : denied,
  teacher: allowed.includes("teacher") ? 200 : denied,
  otherTeacher: allowed.includes("otherTeacher") ? 200 : denied,
  admin: allowed.includes("admin") ? 200 : denied,
});
const ADMIN = only(["admin"]);
const API_ONLY: Record<Actor, Expected> = { anonymous: 401, student: 401, otherStudent: 401, teacher: 401, otherTeacher: 401, admin: 401 };

// "demo-class-math-101" is taught by the demo teacher (Grace Hopper), not the other one.
const ROUTES: Record<string, { url: string; expect: Record<Actor, Expected> }> = {
  "/": { url: "/", expect: { anonymous: "login", student: 307, otherStudent: 307, teacher: 307, otherTeacher: 307, admin: 307 } },
  "/login": { url: "/login", expect: { anonymous: 200, student: 307, otherStudent: 307, teacher: 307, otherTeacher: 307, admin: 307 } },
  // Where a school account's sign-in ends when it can't go on (e2e/school-accounts.spec.ts): anyone may land there.
  "/login/link": { url: "/login/link", expect: { anonymous: 200, student: 200, otherStudent: 200, teacher: 200, otherTeacher: 200, admin: 200 } },
  "/login/problem": { url: "/login/problem?error=Configuration", expect: { anonymous: 200, student: 200, otherStudent: 200, teacher: 200, otherTeacher: 200, admin: 200 } },
  "/admin": { url: "/admin", expect: ADMIN },
  "/admin/students": { url: "/admin/students", expect: ADMIN },
  "/admin/students/new": { url: "/admin/students/new", expect: ADMIN },
  "/admin/students/[id]": { url: "/admin/students/demo-student-010", expect: ADMIN },
  "/admin/students/[id]/history": { url: "/admin/students/demo-student-010/history", expect: ADMIN },
  "/admin/students/[id]/edit": { url: "/admin/students/demo-student-010/edit", expect: ADMIN },
  "/admin/students/[id]/delete": { url: "/admin/students/demo-student-010/delete", expect: ADMIN },
  "/admin/classes": { url: "/admin/classes", expect: ADMIN },
  "/admin/classes/new": { url: "/admin/classes/new", expect: ADMIN },
  "/admin/classes/[id]": { url: "/admin/classes/demo-class-math-101", expect: ADMIN },
  "/admin/classes/[id]/history": { url: "/admin/classes/demo-class-math-101/history", expect: ADMIN },
  "/admin/classes/[id]/edit": { url: "/admin/classes/demo-class-math-101/edit", expect: ADMIN },
  "/admin/classes/[id]/delete": { url: "/admin/classes/demo-class-math-101/delete", expect: ADMIN },
  "/admin/classes/[id]/roster.csv": {
    url: "/admin/classes/demo-class-math-101/roster.csv",
    expect: { ...only(["admin"], 404), anonymous: 401 },
  },
  "/admin/audit": { url: "/admin/audit?kind=CLASS", expect: ADMIN },
  "/admin/audit/audit.csv": { url: "/admin/audit/audit.csv?kind=CLASS", expect: { ...only(["admin"], 404), anonymous: 401 } },
  "/admin/terms": { url: "/admin/terms", expect: ADMIN },
  "/admin/groups": { url: "/admin/groups", expect: ADMIN },
  "/admin/groups/[id]": { url: "/admin/groups/demo-group-seniors", expect: ADMIN },
  "/admin/groups/[id]/delete": { url: "/admin/groups/demo-group-seniors/delete", expect: ADMIN },
  "/admin/terms/new": { url: "/admin/terms/new", expect: ADMIN },
  "/admin/terms/[id]": { url: "/admin/terms/demo-term-current", expect: ADMIN },
  "/admin/terms/[id]/edit": { url: "/admin/terms/demo-term-current/edit", expect: ADMIN },
  "/admin/terms/[id]/delete": { url: "/admin/terms/demo-term-next/delete", expect: ADMIN },
  "/admin/teachers": { url: "/admin/teachers", expect: ADMIN },
  "/admin/teachers/new": { url: "/admin/teachers/new", expect: ADMIN },
  "/admin/teachers/[id]/edit": { url: "/admin/teachers/demo-teacher-1/edit", expect: ADMIN },
  "/admin/import": { url: "/admin/import", expect: ADMIN },
  "/admin/export/[file]": { url: "/admin/export/enrollments.csv", expect: { ...ADMIN, anonymous: 401 } },
  // No import exists in the demo data: the admin's 404 shows the page was reached (e2e/import.spec.ts opens a real one).
  "/admin/import/[id]": { url: "/admin/import/no-such-import", expect: { ...ADMIN, admin: 404 } },
  "/admin/import/[id]/status": {
    url: "/admin/import/no-such-import/status",
    expect: { ...only(["admin"]), anonymous: 401, admin: 404 },
  },
  "/admin/api-tokens": { url: "/admin/api-tokens", expect: ADMIN },
  "/admin/outbox": { url: "/admin/outbox", expect: ADMIN },
  "/admin/backups": { url: "/admin/backups", expect: ADMIN },
  // No such backup: 404 for everyone signed in (a real one is downloaded in e2e/backups.spec.ts), 401 signed out.
  "/admin/backups/[file]": { url: "/admin/backups/rollbook-2026-01-01T00-00-00Z.db", expect: { ...only(["admin"], 404), admin: 404, anonymous: 401 } },
  "/admin/sign-in": { url: "/admin/sign-in", expect: ADMIN },
  // The JSON API answers to tokens, never to a session cookie (e2e/api.spec.ts tests it with tokens).
  "/api/v1/classes": { url: "/api/v1/classes", expect: API_ONLY },
  "/api/v1/classes/[id]/enrollments": { url: "/api/v1/classes/demo-class-math-101/enrollments", expect: API_ONLY },
  "/api/v1/classes/[id]/enrollments/[studentId]": {
    url: "/api/v1/classes/demo-class-math-101/enrollments/demo-student-010",
    expect: { anonymous: 405, student: 405, otherStudent: 405, teacher: 405, otherTeacher: 405, admin: 405 },
  },
  "/api/v1/students/[id]/enrollments": { url: "/api/v1/students/demo-student-010/enrollments", expect: API_ONLY },
  "/api/v1/openapi.json": { url: "/api/v1/openapi.json", expect: { anonymous: 200, student: 200, otherStudent: 200, teacher: 200, otherTeacher: 200, admin: 200 } },
  // The pages' own JSON endpoints take POSTs only (e2e/ticks.spec.ts tests who may post what).
  "/api/enrollment/tick": { url: "/api/enrollment/tick", expect: { anonymous: 405, student: 405, otherStudent: 405, teacher: 405, otherTeacher: 405, admin: 405 } },
  "/api/enrollment/waitlist": {
    url: "/api/enrollment/waitlist",
    expect: { anonymous: 405, student: 405, otherStudent: 405, teacher: 405, otherTeacher: 405, admin: 405 },
  },
  // For load balancers and the benchmarks' yardsticks: open to all, and show nothing.
  "/api/health": { url: "/api/health", expect: { anonymous: 200, student: 200, otherStudent: 200, teacher: 200, otherTeacher: 200, admin: 200 } },
  "/status": { url: "/status", expect: { anonymous: 200, student: 200, otherStudent: 200, teacher: 200, otherTeacher: 200, admin: 200 } },
  "/student": { url: "/student", expect: only(["student", "otherStudent"]) },
  "/student/inbox": { url: "/student/inbox", expect: only(["student", "otherStudent"]) },
  "/teacher": { url: "/teacher", expect: only(["teacher", "otherTeacher"]) },
  "/teacher/classes/[id]": {
    url: "/teacher/classes/demo-class-math-101",
    expect: { ...only(["teacher"]), otherTeacher: 404 },
  },
  "/teacher/classes/[id]/roster.csv": {
    url: "/teacher/classes/demo-class-math-101/roster.csv",
    expect: { ...only(["teacher"], 404), anonymous: 401 },
  },
};

/** Every page.tsx and route.ts under app/, as its URL pattern (auth's own API aside). */
function appRoutes(dir = "app", prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const segment = name.startsWith("(") ? "" : `/${name}`;
      return appRoutes(path, prefix + segment);
    }
    return name === "page.tsx" || name === "route.ts" ? [prefix || "/"] : [];
  }).filter((route) => !route.startsWith("/api/auth"));
}

test("every page and route is in the matrix", () => {
  expect(appRoutes().filter((route) => !(route in ROUTES))).toEqual([]);
});

test("each kind of user gets exactly the pages they may see", async ({ browser }) => {
  const contexts = new Map<Actor, APIRequestContext>();
  contexts.set("anonymous", await request.newContext({ baseURL }));
  for (const [actor, login] of Object.entries(LOGINS) as [Actor, keyof typeof accounts][]) {
    const page = await browser.newPage();
    await page.goto(`${baseURL}/login`);
    await page.getByLabel("Email").fill(accounts[login].email);
    await page.getByLabel("Password").fill(accounts[login].password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    contexts.set(actor, await request.newContext({ baseURL, storageState: await page.context().storageState() }));
    await page.close();
  }

  const wrong: string[] = [];
  for (const [route, { url, expect: expected }] of Object.entries(ROUTES)) {
    for (const [actor, want] of Object.entries(expected) as [Actor, Expected][]) {
      const response = await contexts.get(actor)!.get(url, { maxRedirects: 0 });
      const got = response.status();
      const location = response.headers()["location"] ?? "";
      const ok = want === "login" ? got === 307 && location.includes("/login") : got === want;
      if (!ok) wrong.push(`${route} as ${actor}: expected ${want}, got ${got} ${location}`);
    }
  }
  expect(wrong).toEqual([]);
});
