/**
 * `npm run soak`: does the server's memory level off? The large school
 * (the bench's database, .tmp/bench.db, made and seeded if missing) served
 * as `npm start` serves it, with the page cache as configured, under a mixed
 * load for SOAK_SECONDS (default 600) at 20 connections: admin class pages
 * across every class (so the page cache fills to its budget and then
 * evicts), teacher rosters, the student catalog, the admin home and ticks
 * (enroll, then remove). Every 10 s it samples the RSS of every app
 * process, and prints the samples, then the verdict: RSS per process at
 * the end against a fixed base (RSS after a minute of load, before the
 * cache could be full) plus the cache's budget, and the growth over the
 * last third of the run. Not a test: it prints numbers (issue 10).
 *
 * Env: SOAK_SECONDS (600), BENCH_DATABASE_URL (file:./.tmp/bench.db),
 * ROLLBOOK_PAGE_CACHE_MB (64), SKIP_BUILD=1.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import { httpSignIn } from "./sign-in";

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const url = process.env.BENCH_DATABASE_URL ?? "file:./.tmp/bench.db";
const cacheMb = Number(process.env.ROLLBOOK_PAGE_CACHE_MB ?? 64);
const port = 3300;
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
const run = (command: string, args: string[]) => execFileSync(command, args, { env, stdio: "inherit" });

function childPids(pid: number): number[] {
  try {
    const children = execFileSync("pgrep", ["-P", String(pid)]).toString().trim().split("\n").filter(Boolean).map(Number);
    return children.flatMap((c) => [c, ...childPids(c)]);
  } catch {
    return [];
  }
}
const rssMiB = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

async function main() {
  const file = url.startsWith("file:") ? url.slice("file:".length) : null;
  if (file && !existsSync(file)) {
    run("./node_modules/.bin/tsx", ["test/fresh-database.ts", url]);
    run("./node_modules/.bin/tsx", ["--conditions=react-server", "prisma/seed-large.ts"]);
  } else {
    run("./node_modules/.bin/prisma", ["migrate", "deploy"]);
  }
  if (process.env.SKIP_BUILD !== "1") run("./node_modules/.bin/next", ["build"]);

  const server = spawn("bash", ["scripts/serve.sh", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, AUTH_SECRET: "soak-only-secret-00000000000000000000", AUTH_TRUST_HOST: "true", NODE_OPTIONS: "" },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 150 && !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
  try {
    const admin = await httpSignIn(base, "admin@rollbook.test", "rollbook-admin");
    const teacher = await httpSignIn(base, "teacher@rollbook.test", "rollbook-teacher");
    const student = await httpSignIn(base, "student0@large.rollbook.test", "rollbook-student");
    const json = { cookie: admin, "content-type": "application/json", origin: base };
    let n = 0;
    // Each connection walks its own slice of the 500 classes.
    const load = autocannon({
      url: base,
      connections: 20,
      duration: seconds,
      setupClient: (client) => {
        const me = n++;
        let k = me * 25;
        const classId = () => `lc-${(k++ % 500) + 1}`;
        const studentId = `ls-${9500 + me}`;
        client.setRequests([
          { method: "GET", setupRequest: (req) => ({ ...req, path: `/admin/classes/${classId()}`, headers: { cookie: admin } }) },
          { method: "GET", path: "/student", headers: { cookie: student } },
          { method: "GET", path: "/teacher/classes/lc-100", headers: { cookie: teacher } },
          { method: "GET", path: "/admin", headers: { cookie: admin } },
          { method: "POST", path: "/api/enrollment/tick", headers: json, body: JSON.stringify({ courseId: "lc-2", studentId, enrolled: true }) },
          { method: "POST", path: "/api/enrollment/tick", headers: json, body: JSON.stringify({ courseId: "lc-2", studentId, enrolled: false }) },
        ]);
      },
    });
    const samples: { t: number; perProcess: number[] }[] = [];
    const started = Date.now();
    const sample = () => {
      const pids = childPids(server.pid!).filter((p) => existsSync(`/proc/${p}/status`) && /next|node/.test(readFileSync(`/proc/${p}/cmdline`, "utf8")));
      samples.push({ t: Math.round((Date.now() - started) / 1000), perProcess: pids.map(rssMiB).filter((m) => m > 0) });
    };
    sample();
    const timer = setInterval(sample, 10_000);
    const result = await load;
    clearInterval(timer);
    sample();

    console.log(`\n### Soak, ${new Date().toISOString().slice(0, 10)}, ${seconds} s, page cache ${cacheMb} MB per process\n`);
    console.log(`${Math.round(result.requests.average)} requests/s, ${result.non2xx} non-2xx, ${result.errors} errors.\n`);
    console.log("| s | RSS of each process, MiB | total |\n| ---: | --- | ---: |");
    for (const s of samples) console.log(`| ${s.t} | ${s.perProcess.join(", ")} | ${s.perProcess.reduce((a, b) => a + b, 0)} |`);
    const maxOf = (s: (typeof samples)[number]) => Math.max(...s.perProcess);
    const at = (t: number) => samples.find((s) => s.t >= t) ?? samples.at(-1)!;
    const baseline = maxOf(at(60));
    const last = maxOf(samples.at(-1)!);
    const third = at((seconds * 2) / 3);
    const growth = ((last - maxOf(third)) / ((samples.at(-1)!.t - third.t) / 60)).toFixed(1);
    console.log(
      `\nLargest process: ${baseline} MiB after a minute, ${Math.max(...samples.map(maxOf))} at most, ${last} at the end ` +
        `(bound: ${baseline} + the cache's ${cacheMb} = ${baseline + cacheMb}); over the last third ${growth} MiB a minute.`,
    );
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
