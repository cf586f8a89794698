/**
 * Registration day in miniature, through both app servers at once: 200
 * students, signed in through the real login, tick the same 5-seat class at
 * the same moment, then the 195 who were refused join its waitlist at once.
 * No request fails (no 5xx), exactly 5 get seats, and every student is told
 * their true place in line: 1 to 195, each once, as the database orders them.
 */
import { scryptSync, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { baseURL, secondURL } from "../playwright.config";
import { e2eSql } from "./fixtures";

const COUNT = 200;
const SEATS = 5;

test("200 students hit one class at once through two servers: 5 seats, 195 waitlisted in true order, no errors", async () => {
  test.setTimeout(180_000);
  const tag = randomBytes(4).toString("hex");
  const courseId = `rush-${tag}`;
  // One password hash for all, in the older scrypt format accounts made before
  // Argon2id still have: each sign-in checks it and replaces it (lib/server/password.ts).
  const salt = randomBytes(16);
  const hash = ["scrypt", 1 << 15, 8, 1, salt.toString("base64"), scryptSync("rush-password", salt, 64, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 }).toString("base64")].join("$");
  const students = Array.from({ length: COUNT }, (_, i) => ({ id: `rush-${tag}-${i}`, email: `rush-${tag}-${i}@e2e.rollbook.test` }));
  await e2eSql([
    [
      `INSERT INTO "Course" ("id", "code", "title", "capacity", "selfEnrollment", "createdAt", "updatedAt") VALUES ($1, $2, 'Registration Day', $3, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      [courseId, `RUSH-${tag}`, SEATS],
    ],
    ...students.flatMap((s, i): [string, unknown[]][] => [
      [
        `INSERT INTO "Student" ("id", "givenName", "familyName", "name", "sortName", "email", "createdAt", "updatedAt")
         VALUES ($1, 'Rush', $2, $3, $4, $5, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
        [s.id, `Student ${i}`, `Rush Student ${i}`, `student ${i} rush`, s.email],
      ],
      [
        `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "studentId", "createdAt") VALUES ($1, $2, $3, $4, 'STUDENT', $5, CURRENT_TIMESTAMP)`,
        [`u-${s.id}`, s.email, `Rush Student ${i}`, hash, s.id],
      ],
    ]),
  ]);

  // Sign in through the login form as a browser without JavaScript posts it, half on each server.
  const loginFields = (html: string) =>
    [...(/<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "").matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)].map(
      (m) => [m[1]!, (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&")] as const,
    );
  const servers = [baseURL, secondURL];
  const fields = await Promise.all(servers.map(async (base) => loginFields(await (await fetch(`${base}/login`)).text())));
  const sessions = await Promise.all(
    students.map(async (s, i) => {
      const server = i % 2;
      const form = new FormData();
      for (const [k, v] of fields[server]!) form.append(k, v);
      form.append("email", s.email);
      form.append("password", "rush-password");
      const response = await fetch(`${servers[server]}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: servers[server]! } });
      const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.startsWith("authjs.session-token"));
      expect(cookie, `${s.email} signed in`).toBeTruthy();
      return { ...s, base: servers[server]!, cookie: cookie! };
    }),
  );

  const post = (who: (typeof sessions)[number], path: string, body: unknown) =>
    fetch(`${who.base}${path}`, {
      method: "POST",
      headers: { cookie: who.cookie, "content-type": "application/json", origin: who.base },
      body: JSON.stringify(body),
    }).then(async (r) => ({ who, status: r.status, body: (await r.json()) as { ok: boolean; code?: string; position?: number } }));

  // Everyone ticks at once.
  const ticks = await Promise.all(sessions.map((s) => post(s, "/api/enrollment/tick", { courseId, enrolled: true })));
  expect(ticks.filter((t) => t.status >= 500)).toEqual([]);
  const seated = ticks.filter((t) => t.status === 200 && t.body.ok);
  const full = ticks.filter((t) => t.status === 409 && t.body.code === "full");
  expect(seated).toHaveLength(SEATS);
  expect(full).toHaveLength(COUNT - SEATS);

  // Everyone refused joins the waitlist at once, and is told their place.
  const joins = await Promise.all(full.map((t) => post(t.who, "/api/enrollment/waitlist", { courseId, join: true })));
  expect(joins.filter((j) => j.status !== 200)).toEqual([]);
  const told = joins.map((j) => j.body.position!).sort((a, b) => a - b);
  expect(told).toEqual(Array.from({ length: COUNT - SEATS }, (_, i) => i + 1));

  // The database agrees: 5 enrolled, the counter equal to the rows, each told place the entry's true rank.
  const [counts] = await e2eSql([
    [
      `SELECT "enrolledCount", (SELECT COUNT(*) FROM "Enrollment" WHERE "courseId" = $1) AS "rows" FROM "Course" WHERE "id" = $2`,
      [courseId, courseId],
    ],
  ]);
  expect([Number(counts!.enrolledCount), Number(counts!.rows)]).toEqual([SEATS, SEATS]);
  const order = await e2eSql([[`SELECT "studentId" FROM "WaitlistEntry" WHERE "courseId" = $1 ORDER BY "id"`, [courseId]]]);
  const rank = new Map(order.map((r, i) => [String(r.studentId), i + 1]));
  expect(joins.filter((j) => rank.get(j.who.id) !== j.body.position)).toEqual([]);
});
