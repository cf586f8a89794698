#!/usr/bin/env bash
# `npm test`: every check, in order, stopping at the first failure:
# lint, typecheck, integration tests (fresh SQLite), e2e stories (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$1"; }

step "lint"
npm run --silent lint
step "typecheck"
npm run --silent typecheck
step "integration tests (vitest, SQLite)"
./node_modules/.bin/vitest run
step "e2e stories (Playwright, Chromium, next start)"
bash scripts/e2e.sh
printf '\nAll checks passed.\n'
