#!/usr/bin/env bash
# Checks that a provider's committed migrations build exactly the current
# schema: migrate deploy onto a fresh scratch database; then, on a copy
# without what the migrations make that the schema cannot declare
# (prisma/<provider>/outside-prisma.sql: the people-search index), `db push`
# must find nothing to change. The scratch database is left whole (the test
# runs use it as their template). Usage: check-migrations.sh <scratch database url>
set -euo pipefail
cd "$(dirname "$0")/.."
url="$1"
./node_modules/.bin/tsx test/fresh-database.ts "$url"
copy=$(node scripts/outside-prisma.mjs "$url")
out=$(DATABASE_URL="$copy" ./node_modules/.bin/prisma db push --skip-generate 2>&1) || { echo "$out"; exit 1; }
if ! grep -q "already in sync" <<< "$out"; then
  echo "$out"
  echo "The migrations do not build the current schema: write the missing migration (see README)." >&2
  exit 1
fi
echo "Migrations match the schema ($(sed -E 's#//[^@/]*@#//#' <<< "$url"))."
