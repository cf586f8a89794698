#!/usr/bin/env bash
# Prepares a local checkout to run: .env with a generated AUTH_SECRET (local
# use only), the database migrated, and, on SQLite, demo data seeded if it is
# empty. What the environment sets wins over .env (a DATABASE_URL exported
# for PostgreSQL, say); PostgreSQL is never seeded here (npm run db:seed).
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
# shellcheck source=scripts/load-env.sh
. scripts/load-env.sh

./node_modules/.bin/prisma migrate deploy
if [[ "$DATABASE_URL" == file:* ]]; then
  ./node_modules/.bin/tsx --conditions=react-server prisma/seed.ts
else
  echo "PostgreSQL: no demo data is loaded (npm run db:seed loads it into an empty database)."
fi
