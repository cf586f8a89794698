#!/usr/bin/env bash
# `npm test`: every check, in order, stopping at the first failure: lint,
# typecheck, then for SQLite and for PostgreSQL: migrations match the schema,
# integration tests, e2e stories in Chromium against `next start`.
# PostgreSQL is TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432);
# without a server there it is skipped with a message, except in CI, where a
# skipped suite fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
logs=$(mktemp -d)
pg_base="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"

step() { printf '\n==> %s\n' "$1"; }
# "Tests  26 passed (26)" (vitest) or "  11 passed (1.3m)" (Playwright) -> 26
passed() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -Eo '^ *(Tests +)?[0-9]+ passed' | grep -Eo '[0-9]+' | tail -1; }
pg_up() {
  node -e 'const pg = require("pg"); const c = new pg.Client({ connectionString: process.argv[1] + "/postgres" });
    c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));' "$pg_base"
}
total=0
count() {
  local n
  n=$(passed "$2")
  if [ -z "$n" ] || [ "$n" -eq 0 ]; then echo "$1 ran no tests: failing." >&2; exit 1; fi
  total=$((total + n))
  summary+="$1: $n passed. "
}
summary=""

step "lint"
npm run --silent lint
step "typecheck"
npm run --silent typecheck

step "SQLite: migrations match the schema"
bash scripts/check-migrations.sh "file:./.tmp/schema-check.db"
step "SQLite: integration tests"
./node_modules/.bin/vitest run 2>&1 | tee "$logs/it-sqlite.log"
count "integration (SQLite)" "$logs/it-sqlite.log"
step "SQLite: e2e stories"
bash scripts/e2e.sh 2>&1 | tee "$logs/e2e-sqlite.log"
count "e2e (SQLite)" "$logs/e2e-sqlite.log"

if pg_up; then
  step "PostgreSQL: migrations match the schema"
  bash scripts/check-migrations.sh "$pg_base/rollbook_test_template"
  export TEST_PG_TEMPLATE=rollbook_test_template
  step "PostgreSQL: integration tests"
  TEST_DATABASE_URL="$pg_base/rollbook_it" ./node_modules/.bin/vitest run 2>&1 | tee "$logs/it-pg.log"
  count "integration (PostgreSQL)" "$logs/it-pg.log"
  step "PostgreSQL: e2e stories"
  E2E_DATABASE_URL="$pg_base/rollbook_e2e" SKIP_BUILD=1 bash scripts/e2e.sh 2>&1 | tee "$logs/e2e-pg.log"
  count "e2e (PostgreSQL)" "$logs/e2e-pg.log"
  step "PostgreSQL: the README's steps on a fresh database"
  TEST_POSTGRES_URL="$pg_base" SKIP_BUILD=1 bash scripts/try-postgres.sh 2>&1 | tee "$logs/readme-pg.log"
  grep -q "work as written" "$logs/readme-pg.log" || { echo "The README's PostgreSQL steps failed." >&2; exit 1; }
  summary+="README PostgreSQL steps: passed. "
elif [ -n "${CI:-}" ]; then
  echo "PostgreSQL is not reachable at $pg_base: the PostgreSQL suites must run in CI. Failing." >&2
  exit 1
else
  printf '\n*** PostgreSQL suites SKIPPED: no server at %s (set TEST_POSTGRES_URL). ***\n' "$pg_base"
  summary+="PostgreSQL: SKIPPED. "
fi

printf '\nAll checks passed. %s\n' "$summary"
echo "tests: $total passed, 0 failed"
