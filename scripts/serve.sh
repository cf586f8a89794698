#!/usr/bin/env bash
# Serves the built app: what `npm start` runs after setup and build, and what
# the benchmarks start. Arguments go to the server (-p PORT, -H HOST).
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./node_modules/.bin/next start "$@"
