/**
 * `npm run bench`: load tests against `next start` on the large school
 * (npm run seed:large), signed in as the admin (and the teacher for the
 * teacher's roster), with autocannon at 20 connections. Prints requests/s,
 * p50/p99 latency, non-2xx answers, SQL queries per page and the server's
 * memory, as a Markdown table for docs/benchmarks.md. Not a test: nothing
 * here passes or fails on speed.
 *
 * Env: BENCH_DATABASE_URL (default file:./.tmp/bench.db, made and seeded if
 * missing), BENCH_SECONDS (10), BENCH_CONNECTIONS (20), SKIP_BUILD=1.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { chromium } from "@playwright/test";
import type { Viewer } from "@/lib/server/authz";

const url = process.env.BENCH_DATABASE_URL ?? "file:./.tmp/bench.db";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const port = 3200;
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
// The data layer's own client (for the query counts) opens DATABASE_URL when first imported.
process.env.DATABASE_URL = url;
const dbModule = () => import("@/lib/server/db");

function run(command: string, args: string[]) {
  execFileSync(command, args, { env, stdio: "inherit" });
}

async function prepare() {
  const file = url.startsWith("file:") ? url.slice("file:".length) : null;
  // A missing SQLite file, or any PostgreSQL database, is made fresh (PostgreSQL: rollbook_bench*).
  if (!file || !existsSync(file)) run("./node_modules/.bin/tsx", ["test/fresh-database.ts", url]);
  else run("./node_modules/.bin/prisma", ["migrate", "deploy"]); // an older bench database gets the newer migrations
  const db = (await dbModule()).createClient(url);
  if ((await db.student.count()) === 0) {
    run("./node_modules/.bin/tsx", ["--conditions=react-server", "prisma/seed-large.ts"]);
    // As a running database would be: vacuumed and analysed, not busy with it during the runs.
    if (!file) await db.$executeRawUnsafe("VACUUM ANALYZE");
  }
  await db.$disconnect();
  if (process.env.SKIP_BUILD !== "1") run("./node_modules/.bin/next", ["build"]);
}

async function startServer(extraEnv: Record<string, string> = {}) {
  const server = spawn("./node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, AUTH_SECRET: "bench-only-secret-0000000000000000", AUTH_TRUST_HOST: "true", NODE_OPTIONS: "", ...extraEnv },
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error("next start did not come up");
}

async function stopServer(server: ReturnType<typeof spawn>) {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill();
  await exited;
}

function childPids(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)]).toString().trim().split("\n").filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

function rssMiB(pid: number): number {
  // Sum the server and any worker processes it started.
  const pids = [pid, ...childPids(pid)];
  return Math.round(
    pids.reduce((sum, p) => {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      return sum + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }, 0) / 1024,
  );
}

async function signIn(email: string, password: string, javaScript = true) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  return { browser, page, cookie };
}

type Row = { name: string; rps: number; p50: number; p99: number; errors: number; queries: number | string };

async function load(name: string, opts: autocannon.Options): Promise<Omit<Row, "queries">> {
  const result = await autocannon({ connections, duration: seconds, ...opts });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** The form a browser without JavaScript sends to save a student's checklist. */
function multipart(fields: [string, string][]) {
  const boundary = "----rollbookbench";
  const body =
    fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
    `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function main() {
  await prepare();
  const { countQueries, createClient } = await dbModule();
  const db = createClient(url);
  const big = await db.course.findFirstOrThrow({ where: { code: { startsWith: "BIG-" } }, select: { id: true, code: true, enrolledCount: true } });
  const typical = await db.course.findFirstOrThrow({ where: { code: "C-0001" }, select: { id: true, enrolledCount: true } });
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@rollbook.test" } });
  const teacher = await db.user.findUniqueOrThrow({ where: { email: "teacher@rollbook.test" } });
  const viewer = (u: typeof admin): Viewer => ({ userId: u.id, email: u.email, name: u.name, role: u.role, studentId: u.studentId, teacherId: u.teacherId });

  // SQL statements per page, counted in-process on the same data-layer calls (+1: the viewer lookup every page makes).
  const { getRoster } = await import("@/lib/server/data/rosters");
  const { getCoursePage } = await import("@/lib/server/data/courses");
  const { getStudentEnrollmentPage } = await import("@/lib/server/data/students");
  const q = { q: "", page: 1 };
  const count = async (work: () => Promise<unknown>) => {
    await work(); // the first call also opens the connection
    return (await countQueries(work)).queries + 1;
  };
  const { listHistory, enrollmentsByWeek } = await import("@/lib/server/data/history");
  // Each page's data calls, as the page makes them (the class page: roster and candidates, history, chart).
  const classPage = (id: string) => () =>
    Promise.all([getCoursePage(viewer(admin), id, q), listHistory(viewer(admin), { courseId: id }, 1), enrollmentsByWeek(viewer(admin), id)]);
  const queries = {
    roster: await count(() => getRoster(viewer(teacher), big.id)),
    bigClass: await count(classPage(big.id)),
    typical: await count(classPage(typical.id)),
    student: await count(() => Promise.all([getStudentEnrollmentPage(viewer(admin), "ls-5000"), listHistory(viewer(admin), { studentId: "ls-5000" }, 1)])),
  };

  const rows: Row[] = [];
  const get = async (name: string, path: string, cookie: string, queryCount: number | string) => {
    await load("warm-up", { url: base + path, headers: { cookie }, duration: 2 });
    rows.push({ ...(await load(name, { url: base + path, headers: { cookie } })), queries: queryCount });
  };
  const pages = [
    { name: `Teacher roster, ${big.code} (${big.enrolledCount} students)`, path: `/teacher/classes/${big.id}`, as: "teacher", queries: queries.roster },
    { name: `Admin class page, ${big.code}`, path: `/admin/classes/${big.id}`, as: "admin", queries: queries.bigClass },
    { name: `Admin class page, typical (${typical.enrolledCount} students)`, path: `/admin/classes/${typical.id}`, as: "admin", queries: queries.typical },
  ] as const;

  // First with the page cache off: every request renders its page, as the
  // first view of a class, or the first after a change to it, does.
  let server = await startServer({ ROLLBOOK_PAGE_CACHE_MB: "0" });
  const asAdmin = await signIn("admin@rollbook.test", "rollbook-admin", false);
  const asTeacher = await signIn("teacher@rollbook.test", "rollbook-teacher");
  const cookie = { admin: asAdmin.cookie, teacher: asTeacher.cookie };
  try {
    for (const p of pages) await get(`${p.name}, rendered (cache off)`, p.path, cookie[p.as], p.queries);
  } finally {
    await stopServer(server);
  }

  // Then as configured by default: class pages come from the page cache
  // while unchanged (one query: session user and stamps, docs/decisions/008).
  server = await startServer();
  try {
    const rssBefore = rssMiB(server.pid!);
    for (const p of pages) await get(`${p.name}, page cache`, p.path, cookie[p.as], 1);
    await get("Admin student page (500 classes)", "/admin/students/ls-5000", asAdmin.cookie, queries.student);

    // The write path: each connection enrolls its own student in the big class and removes them again,
    // with the same form POST a browser without JavaScript sends (server action, data layer, transaction).
    const students = Array.from({ length: connections }, (_, i) => `ls-${9000 + i}`);
    await db.enrollment.deleteMany({ where: { courseId: big.id, studentId: { in: students } } });
    await db.course.update({ where: { id: big.id }, data: { enrolledCount: await db.enrollment.count({ where: { courseId: big.id } }) } });
    const forms: { enroll: ReturnType<typeof multipart>; drop: ReturnType<typeof multipart>; path: string }[] = [];
    for (const id of students) {
      await asAdmin.page.goto(`${base}/admin/students/${id}`);
      const fields = await asAdmin.page.locator("form").filter({ hasText: "Save" }).evaluate((form: HTMLFormElement) =>
        Array.from(form.querySelectorAll("input"))
          .filter((i) => i.type !== "checkbox" || i.checked)
          .map((i) => [i.name, i.value] as [string, string]),
      );
      forms.push({
        path: `/admin/students/${id}`,
        // confirm=yes: the Save's second step (the first only previews).
        enroll: multipart([...fields, ["checked", big.id], ["confirm", "yes"]]),
        drop: multipart([...fields, ["confirm", "yes"]]),
      });
    }
    let next = 0;
    const write = await load("Enroll + unenroll (form POST, alternating)", {
      url: base,
      headers: { cookie: asAdmin.cookie },
      setupClient: (client) => {
        const form = forms[next++ % forms.length]!;
        client.setRequests([
          { method: "POST", path: form.path, headers: { cookie: asAdmin.cookie, "content-type": form.enroll.contentType }, body: form.enroll.body },
          { method: "POST", path: form.path, headers: { cookie: asAdmin.cookie, "content-type": form.drop.contentType }, body: form.drop.body },
        ]);
      },
    });
    rows.push({ ...write, queries: "~10 per change" });
    // Leave the big class as it was (the run stops between an enroll and its unenroll).
    await db.enrollment.deleteMany({ where: { courseId: big.id, studentId: { in: students } } });
    await db.course.update({ where: { id: big.id }, data: { enrolledCount: await db.enrollment.count({ where: { courseId: big.id } }) } });
    const rssAfter = rssMiB(server.pid!);
    await asAdmin.browser.close();
    await asTeacher.browser.close();

    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
    console.log(`\n### ${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}, ${connections} connections, ${seconds} s each\n`);
    console.log("| page | requests/s | p50 ms | p99 ms | non-2xx | SQL queries |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.queries} |`);
    console.log(`\nServer memory (RSS of next start and any workers): ${rssBefore} MiB before, ${rssAfter} MiB after the runs.`);
  } finally {
    await stopServer(server);
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
