/**
 * `npm run bench:sign-in`: what a sign-in costs the app server, with a
 * school account (OpenID Connect, decision 035) beside a password, measured
 * in one run with the yardsticks of decision 011: E, an empty page
 * (/status), and R, a trivial route handler (/api/health).
 *
 * Starts the local OpenID provider (scripts/oidc-dev-provider.mjs) and one
 * app process (ROLLBOOK_WORKERS=1) configured with it, on a fresh copy of
 * the demo school (SQLite at .tmp/bench-sign-in.db, or
 * BENCH_DATABASE_URL=postgresql://…/rollbook_bench_sign_in), with a rule that
 * links demo students by verified email. Then, one request at a time, in
 * BENCH_ROUNDS rounds (default 5) of BENCH_SIGN_INS (default 40) each way,
 * alternating:
 *   - password: GET /login, POST its form (throttle read, Argon2id, session row);
 *   - school account, returning: GET /login, POST the button's form (state,
 *     nonce and PKCE cookies, the redirect to the provider), the provider's
 *     own steps (its process, counted apart: in production it is Google's or
 *     Microsoft's), GET the callback (code exchange with the provider, ID
 *     token signature, the link, session row);
 *   - school account, first time (once per student, in the first round:
 *     the rule links them, making their login);
 *   - E and R, as many requests as sign-ins.
 * Prints, per sign-in: the app process's CPU (from /proc), its wall time
 * (p50, p90), and the CPU as a multiple of an empty page's.
 * BENCH_CPU_PROF=<dir>: the app process writes V8 CPU profiles there, and
 * after the rounds a block of each kind of sign-in runs alone, with its
 * window printed for ../shared/tools/cpu-profile-buckets.mjs --window.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { cpuSeconds } from "./processes";
import { formFields, httpSignIn } from "./sign-in";

const url = process.env.BENCH_DATABASE_URL ?? "file:./.tmp/bench-sign-in.db";
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const perRound = Number(process.env.BENCH_SIGN_INS ?? 40);
const appPort = 3250;
const oidcPort = 3260;
const app = `http://127.0.0.1:${appPort}`;
const issuer = `http://127.0.0.1:${oidcPort}`;
const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "" };
const profileDir = process.env.BENCH_CPU_PROF;
const uptime = () => readFileSync("/proc/uptime", "utf8").split(" ")[0]!;

function run(command: string, args: string[]) {
  execFileSync(command, args, { env, stdio: "inherit" });
}

// ---- Processes and their CPU ----

async function up(check: string, what: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(check)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up`);
}

function start(command: string, args: string[], extra: Record<string, string>): ChildProcess {
  return spawn(command, args, { env: { ...env, ...extra }, stdio: "ignore", detached: true });
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
}

// ---- A browser without JavaScript: cookies per origin, redirects by hand ----

class Browser {
  private jars = new Map<string, Map<string, string>>();

  async request(target: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(target).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]!) < new Date()));
      if (gone) jar.delete(name);
      else jar.set(name, pair!.slice(at + 1).trim());
    }
    return response;
  }

  has(origin: string, prefix: string): boolean {
    return [...(this.jars.get(origin)?.keys() ?? [])].some((k) => k.startsWith(prefix));
  }

  forget(origin: string) {
    this.jars.delete(origin);
  }
}

const location = (r: Response, base: string) => new URL(r.headers.get("location") ?? "", base).href;

/** A school account's sign-in; `b` keeps the provider's session, as a browser does between sign-ins. */
async function schoolSignIn(b: Browser, login: string) {
  b.forget(app);
  const form = new FormData();
  for (const [k, v] of formFields(await (await b.request(`${app}/login`)).text(), /name="provider" value="oidc"/)) form.append(k, v);
  let answer = await b.request(`${app}/login`, { method: "POST", body: form, headers: { origin: app } });
  let next = location(answer, app);
  // At the provider (its development sign-in form the first time; its session after).
  for (let hops = 0; !next.startsWith(app); hops++) {
    if (hops > 8) throw new Error(`lost at the provider: ${next}`);
    answer = await b.request(next);
    if (answer.status === 200 && /\/interaction\//.test(next)) {
      const body = new URLSearchParams({ prompt: "login", login, password: "any" });
      answer = await b.request(next, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: issuer } });
    }
    next = location(answer, next);
  }
  answer = await b.request(next); // the callback
  if (!b.has(app, "authjs.session-token")) throw new Error(`school sign-in failed: ${answer.status} ${answer.headers.get("location")}`);
}

// ---- Measuring ----

type Sample = { cpuMs: number; wallMs: number[] };

async function measure(appPid: number, providerPid: number, n: number, one: (i: number) => Promise<unknown>): Promise<Sample & { providerCpuMs: number }> {
  const wallMs: number[] = [];
  const cpu0 = cpuSeconds(appPid);
  const p0 = cpuSeconds(providerPid);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await one(i);
    wallMs.push(performance.now() - t0);
  }
  return { cpuMs: ((cpuSeconds(appPid) - cpu0) * 1000) / n, wallMs, providerCpuMs: ((cpuSeconds(providerPid) - p0) * 1000) / n };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const median = (xs: number[]) => pct(xs, 0.5);

async function main() {
  if (url.startsWith("file:")) mkdirSync(".tmp", { recursive: true });
  run("./node_modules/.bin/tsx", ["test/fresh-database.ts", url]);
  run("./node_modules/.bin/tsx", ["--conditions=react-server", "prisma/seed.ts"]);
  process.env.DATABASE_URL = url;
  const { createClient } = await import("@/lib/server/db");
  const db = createClient(url);
  await db.signInRule.create({ data: { provider: "oidc", domain: "students.rollbook.test", linkByEmail: true } });
  const students = (await db.student.findMany({ where: { email: { endsWith: "@students.rollbook.test" } }, select: { email: true }, orderBy: { id: "asc" }, take: perRound })).map((s) => s.email);
  await db.$disconnect();
  if (process.env.SKIP_BUILD !== "1") run("./node_modules/.bin/next", ["build"]);

  const provider = start("node", ["scripts/oidc-dev-provider.mjs", "--port", String(oidcPort), "--app", app], {});
  // (serve.sh runs scripts/serve.mjs; --cpu-prof must be on node's own command line)
  const serve = profileDir
    ? (["node", ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "scripts/serve.mjs", "-p", String(appPort), "-H", "127.0.0.1"]] as const)
    : (["bash", ["scripts/serve.sh", "-p", String(appPort), "-H", "127.0.0.1"]] as const);
  const server = start(serve[0], [...serve[1]], {
    AUTH_SECRET: "bench-only-secret-0000000000000000",
    AUTH_TRUST_HOST: "true",
    ROLLBOOK_WORKERS: "1",
    AUTH_OIDC_ISSUER: issuer,
    AUTH_OIDC_ID: "rollbook",
    AUTH_OIDC_SECRET: "rollbook-dev-secret",
    AUTH_OIDC_NAME: "School portal",
  });
  try {
    await up(`${issuer}/.well-known/openid-configuration`, "the OpenID provider");
    await up(`${app}/api/health`, "the app server");
    // One browser per student, keeping its provider session between sign-ins.
    const browsers = students.map(() => new Browser());
    // Warm-up: every path once, so the first round isn't the process's first requests.
    for (let i = 0; i < 5; i++) {
      await httpSignIn(app, "student@rollbook.test", "rollbook-student");
      await fetch(`${app}/status`).then((r) => r.text());
      await fetch(`${app}/api/health`).then((r) => r.text());
    }

    const rows: Record<string, { cpu: number[]; wall: number[]; provider: number[] }> = {};
    const add = (name: string, s: Sample & { providerCpuMs: number }) => {
      const row = (rows[name] ??= { cpu: [], wall: [], provider: [] });
      row.cpu.push(s.cpuMs);
      row.wall.push(...s.wallMs);
      row.provider.push(s.providerCpuMs);
    };
    const appPid = server.pid!;
    const providerPid = provider.pid!;
    add("school account, first time (links)", await measure(appPid, providerPid, students.length, (i) => schoolSignIn(browsers[i]!, students[i]!)));
    for (let r = 0; r < rounds; r++) {
      add("E: empty page (/status)", await measure(appPid, providerPid, perRound, () => fetch(`${app}/status`).then((x) => void x.text())));
      add("password", await measure(appPid, providerPid, perRound, () => httpSignIn(app, "student@rollbook.test", "rollbook-student")));
      add("school account, returning", await measure(appPid, providerPid, students.length, (i) => schoolSignIn(browsers[i]!, students[i]!)));
      add("R: route handler (/api/health)", await measure(appPid, providerPid, perRound, () => fetch(`${app}/api/health`).then((x) => void x.text())));
    }

    if (profileDir) {
      for (const [name, one] of [
        ["school account, returning", (i: number) => schoolSignIn(browsers[i]!, students[i]!)],
        ["password", () => httpSignIn(app, "student@rollbook.test", "rollbook-student")],
      ] as const) {
        const t0 = uptime();
        for (let r = 0; r < rounds; r++) await measure(appPid, providerPid, students.length, one);
        console.log(`profile window, ${name} (${rounds * students.length} sign-ins): --window ${t0},${uptime()}`);
      }
    }

    const e = median(rows["E: empty page (/status)"]!.cpu);
    const kind = url.startsWith("file:") ? "SQLite" : "PostgreSQL";
    console.log(`\n### Sign-in cost, ${new Date().toISOString().slice(0, 10)}, ${kind}, 1 app process, ${os.cpus().length} cores, ${rounds} rounds of ${perRound}\n`);
    console.log("| | app CPU per sign-in (median of rounds) | × E | wall p50 | wall p90 | provider's CPU |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const name of ["E: empty page (/status)", "R: route handler (/api/health)", "password", "school account, returning", "school account, first time (links)"]) {
      const row = rows[name]!;
      const cpu = median(row.cpu);
      const provider = name.startsWith("school") ? `${median(row.provider).toFixed(1)} ms` : "";
      console.log(
        `| ${name} | ${cpu.toFixed(1)} ms (${Math.min(...row.cpu).toFixed(1)}-${Math.max(...row.cpu).toFixed(1)}) | ${(cpu / e).toFixed(1)} | ${median(row.wall).toFixed(1)} ms | ${pct(row.wall, 0.9).toFixed(1)} ms | ${provider} |`,
      );
    }
  } finally {
    await stop(server);
    await stop(provider);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
