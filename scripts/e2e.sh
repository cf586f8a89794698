#!/usr/bin/env bash
# Playwright stories against `next start` on a fresh SQLite database, in
# Debian's Chromium. Builds the app unless SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-chromium.sh

# SQLite unless E2E_DATABASE_URL names a PostgreSQL database (rollbook_e2e*).
export E2E_DATABASE_URL="${E2E_DATABASE_URL:-file:./e2e/.tmp/e2e.db}"
rm -rf e2e/.tmp && mkdir -p e2e/.tmp
./node_modules/.bin/tsx test/fresh-database.ts "$E2E_DATABASE_URL"
DATABASE_URL="$E2E_DATABASE_URL" ./node_modules/.bin/tsx --conditions=react-server prisma/seed.ts

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./node_modules/.bin/next build > e2e/.tmp/build.log 2>&1 || { cat e2e/.tmp/build.log; exit 1; }
fi
# Pass --forbid-only in CI (the config does when CI is set) and fail on zero tests.
out=$(mktemp)
set +e
./node_modules/.bin/playwright test "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 0 ] && ! grep -Eq '^ +[0-9]+ passed' "$out"; then
  echo "e2e: Playwright ran no tests: failing." >&2
  exit 1
fi
exit "$status"
