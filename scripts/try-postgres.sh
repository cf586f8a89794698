#!/usr/bin/env bash
# Follows the README's "PostgreSQL and several app servers" steps on a fresh
# database, as a new school would (issue 10): create the database, migrate,
# load the demo school, start two app servers on one machine without a
# proxy, sign in on one and use the session on the other, then drop it all.
# Needs a PostgreSQL server (TEST_POSTGRES_URL, default
# postgresql://postgres@127.0.0.1:5432) and a build (`npm run build`;
# SKIP_BUILD=1 uses the one there).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
pg_base="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"
name="rollbook_readme_$$"
ports=(3600 3601)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  sleep 1
  dropdb --if-exists --maintenance-db="$pg_base/postgres" "$name" || true
}
trap cleanup EXIT

step() { printf '\n--> %s\n' "$1"; }
step "createdb (the README's first step)"
createdb --maintenance-db="$pg_base/postgres" "$name"
export DATABASE_URL="$pg_base/$name"
export AUTH_SECRET="$(openssl rand -base64 32)"
export AUTH_TRUST_HOST=true # two app servers on one machine, no proxy
step "npx prisma migrate deploy"
./node_modules/.bin/prisma migrate deploy
step "npm run db:seed"
npm run --silent db:seed
if [ "${SKIP_BUILD:-0}" != "1" ]; then step "npm run build"; npm run --silent build > /dev/null; fi
step "bash scripts/serve.sh on ports ${ports[*]}"
for port in "${ports[@]}"; do
  setsid bash scripts/serve.sh -p "$port" -H 127.0.0.1 > "/tmp/$name-$port.log" 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 0.2; done
done
step "sign in on one server, use the session on the other"
node --input-type=module - "${ports[@]}" <<'JS'
const [a, b] = process.argv.slice(2).map((p) => `http://127.0.0.1:${p}`);
const html = await (await fetch(`${a}/login`)).text();
const form = new FormData();
for (const m of (/<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "").matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g))
  form.append(m[1], (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
form.append("email", "admin@rollbook.test");
form.append("password", "rollbook-admin");
const signIn = await fetch(`${a}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: a } });
const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => c.startsWith("authjs.session-token")).join("; ");
if (signIn.status !== 303 || !cookie) throw new Error(`sign-in on ${a} answered ${signIn.status}`);
// Where it sends the browser: this server, not the other (AUTH_URL would send it there).
const location = signIn.headers.get("location") ?? "";
if (!location.startsWith(a) && !location.startsWith("/")) throw new Error(`sign-in on ${a} redirected to ${location}`);
for (const base of [a, b]) {
  const page = await fetch(`${base}/admin`, { headers: { cookie }, redirect: "manual" });
  const text = await page.text();
  if (page.status !== 200 || !text.includes("School overview")) throw new Error(`${base}/admin answered ${page.status}`);
  console.log(`${base}/admin: 200, signed in`);
}
JS
echo "The README's PostgreSQL steps work as written."
