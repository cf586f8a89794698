/**
 * `npm run bench:rush`: registration day. The large school (npm run
 * seed:large: a login for every student, every class open, one class in ten
 * popular with 5 seats left) is served as `npm start` serves it; N students
 * arrive, at most C at a time (a new one starts as soon as one finishes).
 * Each one:
 *   1. opens /login and signs in through the real login form,
 *   2. opens /student (the whole HTML page),
 *   3. ticks 4 classes they are not in (half the picks among the popular
 *      ones), the way the page's JavaScript sends a tick,
 *   4. joins the waitlist of each class that answers "full",
 *   5. opens /student again.
 * It prints students finished per minute, p50/p95/p99 per step, non-2xx
 * answers, the servers' CPU time and memory, with the yardsticks E (an empty
 * dynamic page, /status) and R (a trivial route handler, /api/health)
 * measured by autocannon in the same run; then checks the database:
 * every class's enrolledCount equals its rows, no class over capacity, no
 * duplicate, no student both enrolled and waiting, and every student who
 * joined a waitlist was told their true place in it; every acknowledged
 * tick is in the database and no refused one is. Not a test: nothing passes
 * or fails on speed, but a broken invariant exits 1.
 *
 * Env: RUSH_DATABASE_URL (default file:./.tmp/rush.db; a PostgreSQL URL
 * names a rollbook_bench* database), RUSH_STUDENTS (5000), RUSH_CONCURRENCY
 * (50), RUSH_SERVERS (app servers side by side on one database: 1 on SQLite,
 * 2 on PostgreSQL), SKIP_BUILD=1.
 *
 * RUSH_COMPARE=<another checkout, built>: before and after at the same
 * moment. That checkout's servers run beside this one's, each build on its
 * own copy of the school (seeded by its own code and migrations; the
 * database's name with "_b", or the file with "-b"); student i goes to this
 * build when i is even, to the other when odd, from the same 50 clients. A
 * machine whose speed drifts by the minute (ours does, by ±15% and more)
 * slows both alike, so each build's CPU a student (its app processes, and
 * on PostgreSQL its database's backends) and its steps' times compare.
 * Each server then runs one app process (ROLLBOOK_WORKERS=1 unless set).
 *
 * The seeded school is kept as a template (.tmp/rush-template.db, or the
 * database <name>_template) and copied for each run.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { cpuSeconds, ownCpuSeconds, rssMiB } from "./processes";
import { formFields } from "./sign-in";
import { mulberry32 } from "../prisma/seed";

const url = process.env.RUSH_DATABASE_URL ?? "file:./.tmp/rush.db";
const isPg = !url.startsWith("file:");
const studentCount = Number(process.env.RUSH_STUDENTS ?? 5000);
const concurrency = Number(process.env.RUSH_CONCURRENCY ?? 50);
const serverCount = Number(process.env.RUSH_SERVERS ?? (isPg ? 2 : 1));
const basePort = 3400;
const compareDir = process.env.RUSH_COMPARE;
/** The other build's copy of the school: the database's name with "_b", or the file with "-b" (absolute: its servers run elsewhere). */
function otherUrl(url: string): string {
  if (!isPg) return `file:${path.resolve(url.slice("file:".length).replace(/(\.db)?$/, "-b$1"))}`;
  const u = new URL(url);
  u.pathname = `${u.pathname}_b`;
  return u.toString();
}
/** A build under test: this checkout, and in RUSH_COMPARE mode the other one, each on its own database and ports. */
type Side = { label: string; dir: string; url: string; bases: string[] };
const sides: Side[] = [
  { label: "this", dir: process.cwd(), url, bases: Array.from({ length: serverCount }, (_, i) => `http://127.0.0.1:${basePort + i}`) },
  ...(compareDir
    ? [
        {
          label: "other",
          dir: compareDir,
          url: otherUrl(url),
          bases: Array.from({ length: serverCount }, (_, i) => `http://127.0.0.1:${basePort + 10 + i}`),
        },
      ]
    : []),
];
const sideOf = new Map(sides.flatMap((side) => side.bases.map((b) => [b, side] as const)));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function runIn(command: string, args: string[], extraEnv: Record<string, string> = {}, cwd = process.cwd()) {
  execFileSync(command, args, { env: { ...env, ...extraEnv }, stdio: "inherit", cwd });
}

/** The seeded school, kept once as a template; each run starts from a fresh copy. */
async function prepare({ dir, url }: Side) {
  const run = (command: string, args: string[], extraEnv: Record<string, string> = {}) => runIn(command, args, extraEnv, dir);
  if (!isPg) {
    const file = url.slice("file:".length);
    const template = file.replace(/\.db$/, "-template.db");
    if (!existsSync(template)) {
      const templateUrl = `file:${template}`;
      run("./node_modules/.bin/tsx", ["test/fresh-database.ts", templateUrl]);
      run("./node_modules/.bin/tsx", ["--conditions=react-server", "prisma/seed-large.ts"], { DATABASE_URL: templateUrl });
    } else {
      run("./node_modules/.bin/prisma", ["migrate", "deploy"], { DATABASE_URL: `file:${template}` });
    }
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    execFileSync("sqlite3", [template, `VACUUM INTO '${file}'`]);
  } else {
    const name = new URL(url).pathname.slice(1);
    if (!name.startsWith("rollbook_bench")) throw new Error("RUSH_DATABASE_URL must name a rollbook_bench* database (made and dropped by the bench)");
    const templateName = `${name}_template`;
    const admin = new pg.Client({ connectionString: new URL("/postgres", url).toString() });
    await admin.connect();
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [templateName])).rowCount;
    if (!exists) {
      const templateUrl = new URL(`/${templateName}`, url).toString();
      run("./node_modules/.bin/tsx", ["test/fresh-database.ts", templateUrl]);
      run("./node_modules/.bin/tsx", ["--conditions=react-server", "prisma/seed-large.ts"], { DATABASE_URL: templateUrl });
      const t = new pg.Client({ connectionString: templateUrl });
      await t.connect();
      await t.query("VACUUM ANALYZE");
      await t.end();
    } else {
      run("./node_modules/.bin/prisma", ["migrate", "deploy"], { DATABASE_URL: new URL(`/${templateName}`, url).toString() });
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
    await admin.end();
  }
  if (dir !== process.cwd()) {
    if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new Error(`RUSH_COMPARE: ${dir} is not built (next build there first)`);
  } else if (process.env.SKIP_BUILD !== "1") run("./node_modules/.bin/next", ["build"]);
}

type Server = { process: ChildProcess; base: string };

async function startServer(base: string, side: Side): Promise<Server> {
  const port = new URL(base).port;
  // RUSH_CPU_PROF=<dir>: each app process writes a V8 CPU profile there (../shared/tools/cpu-profile-buckets.mjs reads them).
  const profile = process.env.RUSH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.RUSH_CPU_PROF}`] : [];
  const child = spawn("node", [...profile, "scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], {
    cwd: side.dir,
    env: {
      ...env,
      DATABASE_URL: side.url,
      // Two builds at once: one process a server (both builds' processes, as many as one build's alone, in PostgreSQL's 100 connections).
      ...(sides.length > 1 && !process.env.ROLLBOOK_WORKERS ? { ROLLBOOK_WORKERS: "1" } : {}),
      AUTH_SECRET: "bench-only-secret-0000000000000000",
      AUTH_TRUST_HOST: "true",
      NODE_OPTIONS: "",
      // As on registration day for a class's first view: the rush opens /student, which the page cache never holds.
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { process: child, base };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app server on ${base} did not come up`);
}

async function stopServer(server: Server) {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  process.kill(-server.process.pid!, "SIGTERM");
  await exited;
}

/** The process and every process under it. */
async function yardstick(base: string, path: string) {
  await autocannon({ url: base + path, connections: 20, duration: 2 });
  const result = await autocannon({ url: base + path, connections: 20, duration: 6 });
  return Math.round(result.requests.average);
}

// ---------------------------------------------------------------------------
// One student's visit

type Step = "login page" | "sign in" | "catalog" | "tick" | "join waitlist" | "catalog again";
const steps: Step[] = ["login page", "sign in", "catalog", "tick", "join waitlist", "catalog again"];
/** Each build's times per step (one build unless RUSH_COMPARE). */
const timingsOf = new Map(sides.map((side) => [side, new Map<Step, number[]>(steps.map((s) => [s, []]))]));
const non2xx = new Map<string, number>();
const failures: string[] = [];

async function timed<T>(base: string, step: Step, work: () => Promise<Response>, read: (r: Response) => Promise<T>): Promise<{ response: Response; value: T }> {
  const started = performance.now();
  const response = await work();
  const value = await read(response);
  const side = sideOf.get(base)!;
  timingsOf.get(side)!.get(step)!.push(performance.now() - started);
  if (response.status >= 300 && !(step === "sign in" && response.status === 303)) {
    const key = `${sides.length > 1 ? `${side.label}: ` : ""}${step} ${response.status}`;
    non2xx.set(key, (non2xx.get(key) ?? 0) + 1);
  }
  return { response, value };
}

type Outcome = { side: Side; studentId: string; courseId: string; kind: "enrolled" | "refused" | "waitlisted" | "waitlist-refused"; position?: number; message?: string };
const outcomes: Outcome[] = [];

/** How the page's JavaScript sends one tick and one waitlist join: see lib/server/... and components/enrollment. */
type Client = {
  tick(base: string, cookie: string, courseId: string): Promise<{ ok: boolean; full: boolean; message?: string; status: number }>;
  joinWaitlist(base: string, cookie: string, courseId: string): Promise<{ ok: boolean; position?: number; message?: string }>;
};

function jsonClient(): Client {
  const headers = (base: string, cookie: string) => ({ cookie, "content-type": "application/json", origin: base });
  return {
    async tick(base, cookie, courseId) {
      const { response, value } = await timed(
        base, "tick",
        () => fetch(`${base}/api/enrollment/tick`, { method: "POST", headers: headers(base, cookie), body: JSON.stringify({ courseId, enrolled: true }) }),
        (r) => r.json() as Promise<{ ok: boolean; message?: string; code?: string }>,
      );
      return { ok: value.ok, full: value.code === "full", message: value.message, status: response.status };
    },
    async joinWaitlist(base, cookie, courseId) {
      const { value } = await timed(
        base, "join waitlist",
        () => fetch(`${base}/api/enrollment/waitlist`, { method: "POST", headers: headers(base, cookie), body: JSON.stringify({ courseId, join: true }) }),
        (r) => r.json() as Promise<{ ok: boolean; message?: string; position?: number }>,
      );
      return value;
    },
  };
}

/** Before issue 9: the server actions the student page's JavaScript calls (ids from Next's manifest). */
function actionClient(): Client {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const idOf = (name: string) => Object.entries(manifest.node).find(([, v]) => v.exportedName === name)![0];
  const toggle = idOf("toggleMyClassAction");
  const waitlist = idOf("waitlistAction");
  const tree = encodeURIComponent(JSON.stringify(["", { children: ["student", { children: ["__PAGE__", {}] }] }, null, null, true]));
  const headers = (base: string, cookie: string, action: string) => ({
    cookie,
    origin: base,
    accept: "text/x-component",
    "next-action": action,
    "next-router-state-tree": tree,
  });
  return {
    async tick(base, cookie, courseId) {
      const { response, value } = await timed(
        base, "tick",
        () =>
          fetch(`${base}/student`, {
            method: "POST",
            headers: { ...headers(base, cookie, toggle), "content-type": "text/plain;charset=UTF-8" },
            body: JSON.stringify([courseId, true, "$undefined"]),
          }),
        (r) => r.text(),
      );
      const result = /\n1:(\{"ok":[^\n]*\})/.exec(value)?.[1];
      const parsed = result ? (JSON.parse(result) as { ok: boolean; message?: string }) : { ok: false, message: value.slice(0, 200) };
      return { ...parsed, full: /is full/.test(parsed.message ?? ""), status: response.status };
    },
    async joinWaitlist(base, cookie, courseId) {
      const form = new FormData();
      form.append("_1_waitlist", `join:${courseId}`);
      form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
      const { value } = await timed(
        base, "join waitlist",
        () => fetch(`${base}/student`, { method: "POST", headers: headers(base, cookie, waitlist), body: form }),
        (r) => r.text(),
      );
      const message = /"message":"([^"]*)"/.exec(value)?.[1] ?? value.slice(0, 200);
      const position = /number (\d+)/.exec(message)?.[1];
      return position ? { ok: true, position: Number(position) } : { ok: false, message };
    },
  };
}

async function visit(
  client: Client,
  base: string,
  loginFields: [string, string][],
  student: { id: string; email: string; picks: string[] },
) {
  const side = sideOf.get(base)!;
  await timed(base, "login page", () => fetch(`${base}/login`), (r) => r.text());
  const form = new FormData();
  for (const [k, v] of loginFields) form.append(k, v);
  form.append("email", student.email);
  form.append("password", "rollbook-student");
  const { response } = await timed(
    base, "sign in",
    () => fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } }),
    (r) => r.text(),
  );
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => c.startsWith("authjs.session-token"))
    .join("; ");
  if (!cookie) {
    failures.push(`${student.email}: sign-in gave no session (${response.status})`);
    return;
  }
  const page = await timed(base, "catalog", () => fetch(`${base}/student`, { headers: { cookie } }), (r) => r.text());
  if (!page.value.includes("Welcome")) failures.push(`${student.email}: /student did not show the catalog (${page.response.status})`);
  for (const courseId of student.picks) {
    const tick = await client.tick(base, cookie, courseId);
    if (tick.ok) {
      outcomes.push({ side, studentId: student.id, courseId, kind: "enrolled" });
    } else if (tick.full) {
      const join = await client.joinWaitlist(base, cookie, courseId);
      outcomes.push(
        join.ok
          ? { side, studentId: student.id, courseId, kind: "waitlisted", position: join.position }
          : { side, studentId: student.id, courseId, kind: "waitlist-refused", message: join.message },
      );
    } else {
      outcomes.push({ side, studentId: student.id, courseId, kind: "refused", message: tick.message });
    }
  }
  await timed(base, "catalog again", () => fetch(`${base}/student`, { headers: { cookie } }), (r) => r.text());
}

// ---------------------------------------------------------------------------
// The database afterwards

type Sql = (text: string) => Promise<Record<string, unknown>[]>;

async function openSql(url: string): Promise<{ sql: Sql; close(): Promise<void> }> {
  if (isPg) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return { sql: async (text) => (await c.query(text)).rows, close: () => c.end() };
  }
  const { default: Database } = await import("better-sqlite3");
  const d = new Database(url.slice("file:".length));
  d.pragma("busy_timeout = 5000");
  return { sql: async (text) => d.prepare(text).all() as Record<string, unknown>[], close: async () => void d.close() };
}

async function checkInvariants(sql: Sql, outcomes: Outcome[]): Promise<string[]> {
  const problems: string[] = [];
  const counted = await sql(`
    SELECT c."code", c."enrolledCount", c."capacity", COALESCE(e.n, 0) AS "rows"
    FROM "Course" c LEFT JOIN (SELECT "courseId", COUNT(*) AS n FROM "Enrollment" GROUP BY "courseId") e ON e."courseId" = c."id"
    WHERE c."enrolledCount" <> COALESCE(e.n, 0) OR (c."capacity" IS NOT NULL AND COALESCE(e.n, 0) > c."capacity")`);
  for (const r of counted) problems.push(`${String(r.code)}: enrolledCount ${String(r.enrolledCount)}, ${String(r.rows)} rows, capacity ${String(r.capacity)}`);
  const duplicates = await sql(`SELECT "studentId", "courseId" FROM "Enrollment" GROUP BY "studentId", "courseId" HAVING COUNT(*) > 1`);
  if (duplicates.length) problems.push(`${duplicates.length} duplicate enrollments`);
  const both = await sql(`SELECT e."studentId", e."courseId" FROM "Enrollment" e JOIN "WaitlistEntry" w ON w."studentId" = e."studentId" AND w."courseId" = e."courseId"`);
  if (both.length) problems.push(`${both.length} students both enrolled and waiting in a class`);

  // Every student who joined a waitlist was told their place: nobody left a
  // waitlist during the rush, so the place is the rank of their entry.
  const entries = await sql(`SELECT "studentId", "courseId" FROM "WaitlistEntry" ORDER BY "courseId", "id"`);
  const rank = new Map<string, number>();
  let course = "";
  let n = 0;
  for (const e of entries) {
    if (e.courseId !== course) [course, n] = [String(e.courseId), 0];
    rank.set(`${String(e.studentId)} ${course}`, ++n);
  }
  const enrolled = new Set((await sql(`SELECT "studentId", "courseId" FROM "Enrollment"`)).map((e) => `${String(e.studentId)} ${String(e.courseId)}`));
  let wrongPlace = 0;
  let lost = 0;
  let phantom = 0;
  for (const o of outcomes) {
    const key = `${o.studentId} ${o.courseId}`;
    if (o.kind === "waitlisted" && rank.get(key) !== o.position) wrongPlace++;
    if (o.kind === "enrolled" && !enrolled.has(key)) lost++;
    if ((o.kind === "refused" || o.kind === "waitlisted") && enrolled.has(key)) phantom++;
  }
  if (wrongPlace) problems.push(`${wrongPlace} students told the wrong waitlist place`);
  if (lost) problems.push(`${lost} acknowledged enrollments missing from the database`);
  if (phantom) problems.push(`${phantom} refused or waitlisted ticks enrolled anyway`);
  return problems;
}

// ---------------------------------------------------------------------------

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  if (sides.length > 1 && process.env.RUSH_CLIENT === "action") throw new Error("RUSH_COMPARE takes the JSON client only (the action ids are each build's own)");
  for (const side of sides) await prepare(side);
  const dbs = await Promise.all(sides.map((side) => openSql(side.url)));
  const { sql } = dbs[0]!;
  // Who is in what, to pick classes each student is not in yet.
  const courses = (await sql(`SELECT "id", "code", "capacity", "enrolledCount" FROM "Course" ORDER BY "code"`)).map((c) => ({
    id: String(c.id),
    popular: c.capacity !== null && Number(c.capacity) - Number(c.enrolledCount) <= 5,
  }));
  const popular = courses.filter((c) => c.popular && !c.id.startsWith("lc-0"));
  const others = courses.filter((c) => !c.popular);
  const mine = new Map<string, Set<string>>();
  for (const e of await sql(`SELECT "studentId", "courseId" FROM "Enrollment"`)) {
    const id = String(e.studentId);
    if (!mine.has(id)) mine.set(id, new Set());
    mine.get(id)!.add(String(e.courseId));
  }
  const users = await sql(`SELECT "email", "studentId" FROM "User" WHERE "role" = 'STUDENT' ORDER BY "email"`);
  if (users.length < studentCount) throw new Error(`only ${users.length} students can sign in: seed:large makes a login for each`);
  const random = mulberry32(7);
  const students = users
    .map((u) => ({ id: String(u.studentId), email: String(u.email) }))
    .sort(() => random() - 0.5)
    .slice(0, studentCount)
    .map((s) => {
      const picks: string[] = [];
      while (picks.length < 4) {
        const pool = random() < 0.5 ? popular : others;
        const c = pool[Math.floor(random() * pool.length)]!.id;
        if (!mine.get(s.id)?.has(c) && !picks.includes(c)) picks.push(c);
      }
      return { ...s, picks };
    });

  const servers = new Map<Side, Server[]>(sides.map((side) => [side, []]));
  let sampler: ReturnType<typeof setInterval> | undefined;
  let pgCpu: Awaited<ReturnType<typeof databaseCpu>> | undefined;
  try {
    for (const side of sides) for (const base of side.bases) servers.get(side)!.push(await startServer(base, side));
    const yardsticks = new Map<Side, { E: number; R: number }>();
    for (const side of sides) yardsticks.set(side, { E: await yardstick(side.bases[0]!, "/status"), R: await yardstick(side.bases[0]!, "/api/health") });
    const loginFields = new Map<Side, [string, string][]>();
    for (const side of sides) loginFields.set(side, formFields(await (await fetch(`${side.bases[0]}/login`)).text()));
    const client = process.env.RUSH_CLIENT === "action" ? actionClient() : jsonClient();
    // Student i: a build in turn, then a server of it in turn.
    const baseOf = (i: number) => {
      const side = sides[i % sides.length]!;
      return side.bases[Math.floor(i / sides.length) % side.bases.length]!;
    };
    const appCpu = (side: Side) => servers.get(side)!.reduce((s, x) => s + cpuSeconds(x.process.pid!), 0);
    const appRss = () => [...servers.values()].flat().reduce((s, x) => s + rssMiB(x.process.pid!), 0);
    const cpuBefore = new Map(sides.map((side) => [side, appCpu(side)]));
    pgCpu = await databaseCpu(sides);
    const rssBefore = appRss();
    let rssPeak = rssBefore;
    sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, appRss());
      void pgCpu?.sample();
    }, 1000);
    const uptime = () => readFileSync("/proc/uptime", "utf8").split(" ")[0];
    const profileFrom = uptime();
    const started = performance.now();
    let next = 0;
    let finished = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (;;) {
          const i = next++;
          if (i >= students.length) return;
          const base = baseOf(i);
          try {
            await visit(client, base, loginFields.get(sideOf.get(base)!)!, students[i]!);
          } catch (error) {
            failures.push(`${students[i]!.email}: ${String(error)}`);
          }
          if (++finished % 500 === 0) console.log(`  ${finished} students, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    if (process.env.RUSH_CPU_PROF) console.log(`CPU profiles: ${process.env.RUSH_CPU_PROF}, the students' window --window ${profileFrom},${uptime()}`);
    clearInterval(sampler);
    await pgCpu.sample();

    const commit = (dir: string) => execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir }).toString().trim();
    let broken = false;
    for (const [k, side] of sides.entries()) {
      const cpu = appCpu(side) - cpuBefore.get(side)!;
      const served = students.filter((_, i) => i % sides.length === k).length;
      const mineOnly = outcomes.filter((o) => o.side === side);
      const problems = await checkInvariants(dbs[k]!.sql, mineOnly);
      const { E, R } = yardsticks.get(side)!;
      const count = (kind: Outcome["kind"]) => mineOnly.filter((o) => o.kind === kind).length;
      console.log(
        `\n### ${new Date().toISOString().slice(0, 10)}, commit ${commit(side.dir)}${sides.length > 1 ? ` (${side.label}: ${side.dir})` : ""}, ${os.cpus().length} cores, ${isPg ? "PostgreSQL" : "SQLite"}, ` +
          `${serverCount} app server${serverCount > 1 ? "s" : ""}, ${served} students, ${concurrency} at a time${sides.length > 1 ? ` (shared with the other build's ${students.length - served})` : ""}\n`,
      );
      console.log(`Yardsticks: E (empty dynamic page) ${E} requests/s, R (trivial route handler) ${R} requests/s (autocannon, 20 connections, first server).\n`);
      console.log(
        `**${Math.round((served / elapsed) * 60)} students a minute** (${elapsed.toFixed(0)} s for ${served}${sides.length > 1 ? ", both builds at once" : ""}); ` +
          `ticks: ${count("enrolled")} enrolled, ${count("waitlisted")} waitlisted, ${count("refused") + count("waitlist-refused")} refused.\n`,
      );
      console.log("| step | requests | p50 ms | p95 ms | p99 ms |");
      console.log("| --- | ---: | ---: | ---: | ---: |");
      for (const step of steps) {
        const t = timingsOf.get(side)!.get(step)!.sort((a, b) => a - b);
        console.log(`| ${step} | ${t.length} | ${percentile(t, 50).toFixed(0)} | ${percentile(t, 95).toFixed(0)} | ${percentile(t, 99).toFixed(0)} |`);
      }
      const mineNon2xx = [...non2xx].filter(([key]) => sides.length === 1 || key.startsWith(`${side.label}: `));
      const database = isPg ? ` PostgreSQL's backends: ${pgCpu.seconds(side).toFixed(0)} s (${(pgCpu.seconds(side) / served).toFixed(3)} s a student).` : "";
      console.log(
        `\nNon-2xx: ${mineNon2xx.length ? mineNon2xx.map(([key, v]) => `${key}: ${v}`).join(", ") : "none"}. ` +
          `Server CPU: ${cpu.toFixed(0)} s (${(cpu / served).toFixed(3)} s a student, ${(cpu / elapsed).toFixed(2)} cores busy on average).${database} ` +
          `RSS${sides.length > 1 ? " (both builds)" : ""}: ${rssBefore} MiB before, ${rssPeak} MiB at peak.`,
      );
      const refusals = mineOnly.filter((o) => o.kind === "refused" || o.kind === "waitlist-refused");
      if (refusals.length) console.log(`Refusals (first 5): ${refusals.slice(0, 5).map((o) => o.message).join(" | ")}`);
      console.log(problems.length ? `\nINVARIANTS BROKEN:\n- ${problems.join("\n- ")}` : "\nInvariants: all hold.");
      broken ||= problems.length > 0;
    }
    if (failures.length) console.log(`Failures (${failures.length}; first 5): ${failures.slice(0, 5).join(" | ")}`);
    if (broken || failures.length) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await pgCpu?.close();
    for (const s of [...servers.values()].flat()) await stopServer(s);
    for (const d of dbs) await d.close();
  }
}

/**
 * PostgreSQL: the CPU time of each build's database backends over the run
 * (/proc, the backends pg_stat_activity lists for its database, sampled
 * every second: a backend's time counts from its first sample to its last).
 */
async function databaseCpu(all: Side[]) {
  const first = new Map<number, { side: Side; cpu: number }>();
  const last = new Map<number, number>();
  const names = new Map(all.map((side) => [new URL(side.url).pathname.slice(1), side]));
  const admin = isPg ? new pg.Client({ connectionString: all[0]!.url }) : null;
  await admin?.connect();
  let busy = false;
  const sample = async () => {
    if (!admin || busy) return;
    busy = true;
    try {
      const rows = (await admin.query(`SELECT "pid", "datname" FROM pg_stat_activity WHERE "pid" <> pg_backend_pid()`)).rows as { pid: number; datname: string | null }[];
      for (const { pid, datname } of rows) {
        const side = datname ? names.get(datname) : undefined;
        if (!side) continue;
        const cpu = ownCpuSeconds(pid);
        if (!first.has(pid)) first.set(pid, { side, cpu });
        last.set(pid, cpu);
      }
    } finally {
      busy = false;
    }
  };
  await sample();
  return {
    sample: async () => {
      await sample();
    },
    seconds: (side: Side) => [...first].filter(([, f]) => f.side === side).reduce((sum, [pid, f]) => sum + (last.get(pid)! - f.cpu), 0),
    close: () => admin?.end(),
  };
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
