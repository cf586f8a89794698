#!/usr/bin/env bash
# Prepares a local checkout to run: .env with a generated AUTH_SECRET (local
# use only), the SQLite database migrated, demo data seeded if it is empty.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -f .env ]; then
  cat > .env <<ENV
# Made by scripts/setup.sh for local use. Not for production: see README.
DATABASE_URL="file:./data/rollbook.db"
AUTH_TRUST_HOST=true
ENV
  echo "Wrote .env for local use."
fi
if ! grep -q '^AUTH_SECRET=' .env; then
  echo "AUTH_SECRET=\"$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))')\"" >> .env
  echo "Generated a local AUTH_SECRET in .env."
fi
set -a
# shellcheck disable=SC1091
. ./.env
set +a

./node_modules/.bin/prisma migrate deploy
./node_modules/.bin/tsx --conditions=react-server prisma/seed.ts
