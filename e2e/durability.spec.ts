/**
 * Nothing acknowledged is lost when an app server dies mid-load: a server of
 * its own (as `npm start` runs it) takes a stream of ticks, is killed with
 * SIGKILL while they are in flight, and every tick it answered "saved" is in
 * the database afterwards, with each class's count equal to its rows.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { accounts, e2eSql } from "./fixtures";
import { e2eDatabaseUrl } from "../playwright.config";

const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const base = `http://127.0.0.1:${port}`;

/** A form's hidden fields, as a browser sends them back. */
function hiddenFields(formHtml: string): [string, string][] {
  return [...formHtml.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)].map((m) => [m[1]!, (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&")]);
}

/** An app server of its own, as `npm start` runs it, and an admin's session cookie on it. */
async function startServer() {
  const server = spawn("node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: e2eDatabaseUrl,
      AUTH_SECRET: "e2e-only-secret-not-for-production-use-000",
      AUTH_TRUST_HOST: "true",
      ROLLBOOK_WORKERS: "1",
      NODE_OPTIONS: "",
    },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
  const html = await (await fetch(`${base}/login`)).text();
  const form = new FormData();
  for (const [name, value] of hiddenFields(/<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "")) form.append(name, value);
  form.append("email", accounts.admin.email);
  form.append("password", accounts.admin.password);
  const login = await fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.startsWith("authjs.session-token"))!;
  expect(cookie).toBeTruthy();
  return { server, exited, cookie };
}

/**
 * Sends writes `parallel` at a time (the i-th by `send(i)`, true when the
 * server answered that it was saved) until at least `atLeast` were answered,
 * then kills the server with SIGKILL mid-stream; the numbers of the writes
 * answered as saved.
 */
async function streamUntilKilled(
  { server, exited }: { server: ReturnType<typeof spawn>; exited: Promise<unknown> },
  { total, parallel, atLeast, send }: { total: number; parallel: number; atLeast: number; send: (i: number) => Promise<boolean> },
): Promise<number[]> {
  const answered: number[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < total) {
      const i = next++;
      try {
        if (await send(i)) answered.push(i);
      } catch {
        // the server is gone: never answered
      }
    }
  };
  const load = Promise.all(Array.from({ length: parallel }, worker));
  await expect.poll(() => answered.length, { timeout: 30_000 }).toBeGreaterThan(atLeast);
  server.kill("SIGKILL");
  killed = true;
  await exited;
  await load;
  return answered;
}

test("an app server killed mid-load loses no acknowledged enrollment", async () => {
  test.setTimeout(120_000);
  const tag = randomBytes(4).toString("hex");
  const courseId = `kill-${tag}`;
  const students = Array.from({ length: 2000 }, (_, i) => `kill-${tag}-${i}`);
  await e2eSql([
    [
      `INSERT INTO "Course" ("id", "code", "title", "selfEnrollment", "createdAt", "updatedAt") VALUES ($1, $2, 'Kill -9', FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      // Upper-case, as the class form and the importer store codes (an export of the school re-imports unchanged).
      [courseId, `KILL-${tag.toUpperCase()}`],
    ],
    ...students.map((id, i): [string, unknown[]] => [
      `INSERT INTO "Student" ("id", "givenName", "familyName", "name", "sortName", "email", "createdAt", "updatedAt")
       VALUES ($1, 'Kill', $2, $3, $4, $5, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      [id, `Student ${i}`, `Kill Student ${i}`, `student ${i} kill`, `${id}@e2e.rollbook.test`],
    ]),
  ]);

  const started = await startServer();
  const { server, cookie } = started;
  try {
    // 20 at a time, each tick answered "saved" is remembered; the server is killed mid-stream.
    const answered = await streamUntilKilled(started, {
      total: students.length,
      parallel: 20,
      atLeast: 100,
      send: async (i) => {
        const response = await fetch(`${base}/api/enrollment/tick`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json", origin: base },
          body: JSON.stringify({ courseId, studentId: students[i], enrolled: true }),
        });
        return response.status === 200 && ((await response.json()) as { ok: boolean }).ok;
      },
    });
    const acknowledged = answered.map((i) => students[i]!);

    const rows = await e2eSql([[`SELECT "studentId" FROM "Enrollment" WHERE "courseId" = $1`, [courseId]]]);
    const stored = new Set(rows.map((r) => String(r.studentId)));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    const [course] = await e2eSql([[`SELECT "enrolledCount" FROM "Course" WHERE "id" = $1`, [courseId]]]);
    expect(Number(course!.enrolledCount)).toBe(stored.size);
    console.log(`durability: ${acknowledged.length} acknowledged, ${stored.size} stored, server killed mid-load`);
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
  }
});

test("a change and its entry in the audit log are saved together: a server killed mid-stream leaves both or neither", async () => {
  test.setTimeout(120_000);
  const tag = randomBytes(4).toString("hex");
  const started = await startServer();
  const { server, cookie } = started;
  try {
    // The New student form's hidden fields, as a browser without JavaScript sends them back.
    const page = await (await fetch(`${base}/admin/students/new`, { headers: { cookie } })).text();
    // (The header's Sign out is a form too: this is the one with the email field.)
    const studentForm = [...page.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1]!).find((f) => f.includes('name="email"')) ?? "";
    const hidden = hiddenFields(studentForm);
    expect(hidden.length).toBeGreaterThan(0);
    // The New student form as a browser without JavaScript posts it, 10 at a time, until the server is killed.
    const email = (i: number) => `audit-kill-${tag}-${i}@e2e.rollbook.test`;
    const answered = (
      await streamUntilKilled(started, {
        total: 5000,
        parallel: 10,
        atLeast: 50,
        send: async (i) => {
          const form = new FormData();
          for (const [name, value] of hidden) form.append(name, value);
          form.append("givenName", "Audited");
          form.append("familyName", `Kill ${tag} ${i}`);
          form.append("email", email(i));
          form.append("studentNumber", "");
          const response = await fetch(`${base}/admin/students/new`, { method: "POST", body: form, redirect: "manual", headers: { cookie, origin: base } });
          return response.status === 303;
        },
      })
    ).map(email);

    const students = await e2eSql([[`SELECT "id", "email" FROM "Student" WHERE "email" LIKE $1`, [`audit-kill-${tag}-%`]]]);
    const entries = await e2eSql([[`SELECT "recordId" FROM "AuditEntry" WHERE "kind" = 'STUDENT' AND "action" = 'CREATED' AND "label" LIKE $1`, [`Audited Kill ${tag} %`]]]);
    const made = new Set(students.map((r) => String(r.id)));
    const logged = new Set(entries.map((r) => String(r.recordId)));
    // Every student answered as made is there; each with its entry, and no entry without its student.
    const emails = new Set(students.map((r) => String(r.email)));
    expect(answered.filter((e) => !emails.has(e))).toEqual([]);
    expect([...made].filter((id) => !logged.has(id))).toEqual([]);
    expect([...logged].filter((id) => !made.has(id))).toEqual([]);
    console.log(`audit durability: ${answered.length} answered, ${made.size} students and ${logged.size} entries, server killed mid-stream`);
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
  }
});
