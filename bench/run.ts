/**
 * `npm run bench`: load tests against the app served as `npm start` serves
 * it (scripts/serve.sh: a process per core) on the large school (npm run
 * seed:large), signed in through the real login as the admin, the teacher
 * and a student, with autocannon at 20 connections. Measured in the same run,
 * as yardsticks: E, an empty dynamic App Router page (/status), and R, a
 * trivial route handler (/api/health); each row says its rate as a share of
 * them, which holds across machines better than the rate itself. The rates
 * drift during a run (the first seconds after start are slow for every
 * route, and this machine's speed wanders by a third), so every route is
 * warmed up first, and each row is measured in BENCH_ROUNDS rounds, each
 * followed by its yardstick: a round's ratio is its rate over the mean of the
 * yardstick runs either side of it, and the row reports the median. Prints
 * requests/s, p50/p99 latency, non-2xx answers (a 303 where a redirect is the
 * answer), bytes per response, SQL statements per request and the server's
 * memory, as Markdown for docs/benchmarks.md. Not a test: nothing here passes
 * or fails on speed.
 *
 * Env: BENCH_DATABASE_URL (default file:./.tmp/bench.db, made and seeded if
 * missing), BENCH_SECONDS (4, per round), BENCH_ROUNDS (3),
 * BENCH_CONNECTIONS (20), BENCH_ONLY (a comma-separated list of words: only
 * the rows whose name holds one, e.g. "typical,tick"), SKIP_BUILD=1.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { httpSignIn } from "./sign-in";
import type { Viewer } from "@/lib/server/authz";

const url = process.env.BENCH_DATABASE_URL ?? "file:./.tmp/bench.db";
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const only = (process.env.BENCH_ONLY ?? "").split(",").map((w) => w.trim().toLowerCase()).filter(Boolean);
const wanted = (name: string) => only.length === 0 || only.some((w) => name.toLowerCase().includes(w));
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
  const server = spawn("bash", ["scripts/serve.sh", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, AUTH_SECRET: "bench-only-secret-0000000000000000", AUTH_TRUST_HOST: "true", NODE_OPTIONS: "", ...extraEnv },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return server;
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
  process.kill(-server.pid!, "SIGTERM");
  await exited;
}

function childPids(pid: number): number[] {
  try {
    const children = execFileSync("pgrep", ["-P", String(pid)]).toString().trim().split("\n").filter(Boolean).map(Number);
    return children.flatMap((c) => [c, ...childPids(c)]);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

function rssMiB(pid: number): number {
  // Sum the server and every app process under it.
  const pids = [pid, ...childPids(pid)];
  return Math.round(
    pids.reduce((sum, p) => {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      return sum + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }, 0) / 1024,
  );
}

type Row = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** bytes per response */
  bytes: number;
  queries: number | string;
  /** compared with E (pages) or R (writes and handlers) */
  vs?: "E" | "R";
  /** the median of the rounds' ratios to the yardstick, and every round's */
  ratio?: number;
  ratios?: number[];
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function load(name: string, opts: autocannon.Options): Promise<Omit<Row, "queries">> {
  const result = await autocannon({ connections, duration: seconds, ...opts });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    bytes: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
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
  // A typical class the teacher teaches (the big one is theirs too).
  const teacherTypical = await db.course.findFirstOrThrow({
    where: { teacherId: teacher.teacherId, code: { not: big.code } },
    orderBy: { code: "asc" },
    select: { id: true, code: true, enrolledCount: true },
  });
  const studentUser = await db.user.findFirst({ where: { role: "STUDENT" }, orderBy: { email: "asc" } });
  const viewer = (u: typeof admin): Viewer => ({ userId: u.id, email: u.email, name: u.name, role: u.role, studentId: u.studentId, teacherId: u.teacherId });

  // SQL statements per page, counted in-process on the same data-layer calls the page makes (+1: the viewer's row).
  const { getRoster } = await import("@/lib/server/data/catalog/rosters");
  const { getCoursePage } = await import("@/lib/server/data/catalog/courses");
  const { getStudentEnrollmentPage, listStudents } = await import("@/lib/server/data/people/students");
  const { getAdminCounts } = await import("@/lib/server/data/records/dashboard");
  const { getLastChangeSet } = await import("@/lib/server/data/records/change-sets");
  const { enrollmentsByWeek } = await import("@/lib/server/data/records/history");
  const { listMyCatalog } = await import("@/lib/server/data/enrollment/my-catalog");
  const { setEnrollment } = await import("@/lib/server/data/enrollment/admin");
  const count = async (work: () => Promise<unknown>) => {
    await work(); // the first call also opens the connection (and folds the chart's events)
    return (await countQueries(work)).queries + 1;
  };
  const q = { q: "", page: 1 };
  // People searches (decision 027): part of a name, as staff type one (from the index), and two letters (never).
  const someone = (await db.student.findUniqueOrThrow({ where: { id: "ls-4321" }, select: { name: true } })).name.split(" ");
  const nameSearch = `${someone[0]} ${someone[1]!.slice(0, 3)}`;
  const shortSearch = someone[1]!.slice(1, 3).toLowerCase();
  const tickStudent = "ls-9999";
  await db.enrollment.deleteMany({ where: { courseId: typical.id, studentId: tickStudent } });
  await db.course.update({ where: { id: typical.id }, data: { enrolledCount: await db.enrollment.count({ where: { courseId: typical.id } }) } });
  const queries = {
    roster: await count(() => getRoster(viewer(teacher), big.id)),
    teacherTypical: await count(() => getRoster(viewer(teacher), teacherTypical.id)),
    bigClass: await count(() => getCoursePage(viewer(admin), big.id, { ...q, candidates: false })),
    typical: await count(() => getCoursePage(viewer(admin), typical.id, { ...q, candidates: false })),
    student: await count(() => getStudentEnrollmentPage(viewer(admin), "ls-5000")),
    search: await count(() => listStudents(viewer(admin), { q: nameSearch, page: 1 })),
    shortSearch: await count(() => listStudents(viewer(admin), { q: shortSearch, page: 1 })),
    candidates: await count(() => getCoursePage(viewer(admin), typical.id, { q: nameSearch, page: 1 })),
    catalog: studentUser ? await count(() => listMyCatalog(viewer(studentUser), q)) : "n/a",
    home: await count(() => Promise.all([getAdminCounts(viewer(admin)), getLastChangeSet(viewer(admin)), enrollmentsByWeek(viewer(admin))])),
    save: await (async () => {
      const { saveChecklist } = await import("@/lib/server/data/enrollment/admin");
      const shown = [typical.id];
      const on = await countQueries(() => saveChecklist(viewer(admin), { studentId: tickStudent }, shown, [typical.id]));
      const off = await countQueries(() => saveChecklist(viewer(admin), { studentId: tickStudent }, shown, []));
      return `${on.queries + 1} / ${off.queries + 1} (2 of them BEGIN, COMMIT)`;
    })(),
    api: await (async () => {
      const { apiSetEnrollment } = await import("@/lib/server/data/records/api");
      const link = { studentId: tickStudent, courseId: typical.id };
      const on = await countQueries(() => apiSetEnrollment(viewer(admin), link, true));
      const off = await countQueries(() => apiSetEnrollment(viewer(admin), link, false));
      // +1: the token's row (and its user).
      return `${on.queries + 1} / ${off.queries + 1}`;
    })(),
    tick: await (async () => {
      const on = await countQueries(() => setEnrollment(viewer(admin), { studentId: tickStudent, courseId: typical.id, enrolled: true }));
      const off = await countQueries(() => setEnrollment(viewer(admin), { studentId: tickStudent, courseId: typical.id, enrolled: false }));
      // BEGIN and COMMIT are counted too.
      return `${on.queries + 1} / ${off.queries + 1}`;
    })(),
  };

  const rows: Row[] = [];
  const yardsticks = { E: [] as number[], R: [] as number[] };
  const yardstick = async (vs: "E" | "R") => {
    const rps = (await load(vs, { url: base + (vs === "E" ? "/status" : "/api/health") })).rps;
    yardsticks[vs].push(rps);
    return rps;
  };
  /** A row measured in rounds, each after `before` and followed by its yardstick. */
  const measure = async (name: string, opts: autocannon.Options, queries: Row["queries"], vs: "E" | "R", before?: () => Promise<void>) => {
    if (!wanted(name)) return;
    const results: Omit<Row, "queries">[] = [];
    const ratios: number[] = [];
    // A write's route is warmed up as the pages are (warmUp): its first seconds run cold code and fresh connections.
    if (vs === "R") {
      await before?.();
      await load("warm-up", { ...opts, duration: 5 });
    }
    let previous = await yardstick(vs);
    for (let i = 0; i < rounds; i++) {
      await before?.();
      const result = await load(name, opts);
      const next = await yardstick(vs);
      results.push(result);
      ratios.push(result.rps / ((previous + next) / 2));
      previous = next;
    }
    const mean = (f: (r: Omit<Row, "queries">) => number) => Math.round(results.reduce((sum, r) => sum + f(r), 0) / results.length);
    rows.push({
      name,
      rps: mean((r) => r.rps),
      p50: median(results.map((r) => r.p50)),
      p99: Math.max(...results.map((r) => r.p99)),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
      bytes: mean((r) => r.bytes),
      queries,
      vs,
      ratio: median(ratios),
      ratios,
    });
  };
  const get = (name: string, path: string, cookie: string, queryCount: number | string, vs: "E" | "R" = "E") =>
    measure(name, { url: base + path, headers: { cookie } }, queryCount, vs);
  /** Every route once for a few seconds: the first seconds after a start are slow for all of them. */
  const warmUp = async (paths: [string, string][]) => {
    for (const [path, cookie] of paths) await load("warm-up", { url: base + path, headers: { cookie }, duration: 3 });
  };

  // First with the page cache off: every request renders its page, as the
  // first view of a class, or the first after a change to it, does.
  let server = await startServer({ ROLLBOOK_PAGE_CACHE_MB: "0" });
  const cookie = {
    admin: await httpSignIn(base, "admin@rollbook.test", "rollbook-admin"),
    teacher: await httpSignIn(base, "teacher@rollbook.test", "rollbook-teacher"),
    student: studentUser ? await httpSignIn(base, studentUser.email, "rollbook-student") : "",
  };
  const pages = [
    { name: `Teacher roster, ${big.code} (${big.enrolledCount} students, shown whole)`, path: `/teacher/classes/${big.id}`, as: "teacher", queries: queries.roster },
    { name: `Teacher roster, typical (${teacherTypical.enrolledCount} students)`, path: `/teacher/classes/${teacherTypical.id}`, as: "teacher", queries: queries.teacherTypical },
    { name: `Admin class page, ${big.code} (first 100 of the roster)`, path: `/admin/classes/${big.id}`, as: "admin", queries: queries.bigClass },
    { name: `Admin class page, typical (${typical.enrolledCount} students)`, path: `/admin/classes/${typical.id}`, as: "admin", queries: queries.typical },
  ] as const;
  let rssBefore = 0;
  let rssAfter = 0;
  try {
    rssBefore = rssMiB(server.pid!);
    await warmUp([
      ["/status", ""],
      ["/api/health", ""],
      ...pages.map((p) => [p.path, cookie[p.as]] as [string, string]),
      ["/admin/students/ls-5000", cookie.admin],
      [`/admin/students?q=${encodeURIComponent(nameSearch)}`, cookie.admin],
      ["/student", cookie.student],
      ["/admin", cookie.admin],
    ]);
    for (const p of pages) await get(`${p.name}, cache off`, p.path, cookie[p.as], p.queries);
    await get("Admin student page (500 classes)", "/admin/students/ls-5000", cookie.admin, queries.student);
    await get(`Students list, search "${nameSearch}" (part of a name: from the index)`, `/admin/students?q=${encodeURIComponent(nameSearch)}`, cookie.admin, queries.search);
    await get(`Students list, search "${shortSearch}" (two letters: every student tested)`, `/admin/students?q=${encodeURIComponent(shortSearch)}`, cookie.admin, queries.shortSearch);
    await get(`Admin class page, typical, "Add students" search "${nameSearch}"`, `/admin/classes/${typical.id}?q=${encodeURIComponent(nameSearch)}`, cookie.admin, queries.candidates);
    if (studentUser) await get("Student's own catalog (/student)", "/student", cookie.student, queries.catalog);
    await get("Admin home", "/admin", cookie.admin, queries.home);

    // Writes. A tick as the page's JavaScript sends it: each connection
    // enrolls its own student in the typical class and removes them again.
    const students = Array.from({ length: connections }, (_, i) => `ls-${9000 + i}`);
    const reset = async () => {
      // Requests still in flight when a run stops finish on the server first.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await db.enrollment.deleteMany({ where: { courseId: typical.id, studentId: { in: students } } });
      await db.course.update({ where: { id: typical.id }, data: { enrolledCount: await db.enrollment.count({ where: { courseId: typical.id } }) } });
    };
    let next = 0;
    const json = { cookie: cookie.admin, "content-type": "application/json", origin: base };
    const fresh = async () => {
      await reset();
      next = 0;
    };
    await measure("Tick: enroll + unenroll, alternating (JSON, as the page's JavaScript sends it)", {
      url: base,
      setupClient: (client) => {
        const studentId = students[next++ % students.length]!;
        client.setRequests([
          { method: "POST", path: "/api/enrollment/tick", headers: json, body: JSON.stringify({ courseId: typical.id, studentId, enrolled: true }) },
          { method: "POST", path: "/api/enrollment/tick", headers: json, body: JSON.stringify({ courseId: typical.id, studentId, enrolled: false }) },
        ]);
      },
    }, `${queries.tick} (2 of them BEGIN, COMMIT)`, "R", fresh);
    await reset();

    // The JSON API's writes, as an integration sends them: PUT then DELETE of
    // an enrollment with a bearer token, each connection its own student.
    const { createApiToken } = await import("@/lib/server/data/access/api-tokens");
    const made = await createApiToken(viewer(admin), { name: `bench ${Date.now()}`, canWrite: true });
    if (!made.ok) throw new Error(made.message);
    const bearer = { authorization: `Bearer ${made.value.token}` };
    await measure("API: PUT + DELETE of an enrollment, alternating (a bearer token)", {
      url: base,
      setupClient: (client) => {
        const studentId = students[next++ % students.length]!;
        const path = `/api/v1/classes/${typical.id}/enrollments/${studentId}`;
        client.setRequests([
          { method: "PUT", path, headers: bearer },
          { method: "DELETE", path, headers: bearer },
        ]);
      },
    }, `${queries.api} (2 of them BEGIN, COMMIT)`, "R", fresh);
    await reset();

    // The Save of a student's form without JavaScript (confirmed: the second
    // step; the first only previews): a 303 back to the page.
    const forms: { enroll: ReturnType<typeof multipart>; drop: ReturnType<typeof multipart>; path: string }[] = [];
    for (const id of students) {
      const html = await (await fetch(`${base}/admin/students/${id}`, { headers: { cookie: cookie.admin } })).text();
      const form = /<form action="" encType="multipart\/form-data" method="POST">([\s\S]*?)<\/form>/.exec(
        html.slice(html.indexOf('name="shown"') - 2000),
      )?.[1];
      if (!form) throw new Error("no Save form on the student page");
      const fields = [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)].map(
        (m) => [m[1]!, (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&")] as [string, string],
      );
      forms.push({
        path: `/admin/students/${id}`,
        enroll: multipart([...fields, ["checked", typical.id], ["confirm", "yes"]]),
        drop: multipart([...fields, ["confirm", "yes"]]),
      });
    }
    await measure("No-JavaScript Save: enroll + unenroll, alternating (303 to the page)", {
      url: base,
      setupClient: (client) => {
        const form = forms[next++ % forms.length]!;
        client.setRequests([
          // As a browser sends it: with the page's Origin.
          { method: "POST", path: form.path, headers: { cookie: cookie.admin, origin: base, "content-type": form.enroll.contentType }, body: form.enroll.body },
          { method: "POST", path: form.path, headers: { cookie: cookie.admin, origin: base, "content-type": form.drop.contentType }, body: form.drop.body },
        ]);
      },
    }, queries.save, "R", fresh);
    await reset();
    rssAfter = rssMiB(server.pid!);
  } finally {
    await stopServer(server);
  }

  // Then as configured by default: class pages come from the page cache
  // while unchanged (one query: session user and stamps, docs/decisions/008).
  server = await startServer();
  try {
    await warmUp([["/status", ""], ...pages.map((p) => [p.path, cookie[p.as]] as [string, string])]);
    for (const p of pages) await get(`${p.name}, page cache`, p.path, cookie[p.as], 1);
  } finally {
    await stopServer(server);
    await db.$disconnect();
  }

  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
  const workers = process.env.ROLLBOOK_WORKERS ?? String(os.availableParallelism());
  console.log(`\n### ${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}, ${workers} app processes, ${connections} connections, ${rounds} rounds of ${seconds} s per row, each followed by its yardstick\n`);
  const range = (xs: number[]) => (xs.length ? `${Math.min(...xs)}-${Math.max(...xs)}` : "not measured");
  console.log(`Yardsticks, measured beside each row: E ${range(yardsticks.E)} requests/s, R ${range(yardsticks.R)}.\n`);
  console.log("| request | requests/s | vs E or R (median; rounds) | p50 ms | p99 ms | non-2xx | KB | SQL statements |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    const ratio = `${r.ratio!.toFixed(2)} ${r.vs} (${r.ratios!.map((x) => x.toFixed(2)).join(", ")})`;
    console.log(`| ${r.name} | ${r.rps} | ${ratio} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.bytes / 1024).toFixed(0)} | ${r.queries} |`);
  }
  console.log(`\nServer memory (RSS of every app process): ${rssBefore} MiB before, ${rssAfter} MiB after the cache-off runs.`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
