#!/usr/bin/env bash
# `npm start`: set up (migrate, seed if empty), build, and serve on PORT (3000).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/setup.sh
# shellcheck source=scripts/load-env.sh
. scripts/load-env.sh
./node_modules/.bin/next build
echo "Rollbook is starting on http://localhost:${PORT:-3000} (sign in as admin@rollbook.test / rollbook-admin)"
exec bash scripts/serve.sh -p "${PORT:-3000}"
