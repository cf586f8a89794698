#!/usr/bin/env bash
# `npm test`: every check, in order, stopping at the first failure:
# lint, typecheck, integration tests (fresh SQLite), e2e stories (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
logs=$(mktemp -d)

step() { printf '\n==> %s\n' "$1"; }
# "Tests  26 passed (26)" (vitest) or "  11 passed (1.3m)" (Playwright) -> 26
passed() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -Eo '^ *(Tests +)?[0-9]+ passed' | grep -Eo '[0-9]+' | tail -1; }

step "lint"
npm run --silent lint
step "typecheck"
npm run --silent typecheck
step "integration tests (vitest, SQLite)"
./node_modules/.bin/vitest run 2>&1 | tee "$logs/integration.log"
step "e2e stories (Playwright, Chromium, next start)"
bash scripts/e2e.sh 2>&1 | tee "$logs/e2e.log"

integration=$(passed "$logs/integration.log")
e2e=$(passed "$logs/e2e.log")
if [ -z "$integration" ] || [ "$integration" -eq 0 ] || [ -z "$e2e" ] || [ "$e2e" -eq 0 ]; then
  echo "A suite ran no tests (integration: ${integration:-none}, e2e: ${e2e:-none}): failing." >&2
  exit 1
fi
printf '\nAll checks passed: %s integration tests, %s e2e stories.\n' "$integration" "$e2e"
echo "tests: $((integration + e2e)) passed, 0 failed"
