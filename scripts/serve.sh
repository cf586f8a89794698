#!/usr/bin/env bash
# Serves the built app: what `npm start` runs after setup and build, and what
# the benchmarks start. Arguments: -p PORT, -H HOST. One app process per core
# (ROLLBOOK_WORKERS to choose), see scripts/serve.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node scripts/serve.mjs "$@"
