#!/usr/bin/env bash
# Checks that a provider's committed migrations build exactly the current
# schema: migrate deploy onto a fresh scratch database, then `db push` must
# find nothing to change. Usage: check-migrations.sh <scratch database url>
set -euo pipefail
cd "$(dirname "$0")/.."
url="$1"
./node_modules/.bin/tsx test/fresh-database.ts "$url"
out=$(DATABASE_URL="$url" ./node_modules/.bin/prisma db push --skip-generate 2>&1) || { echo "$out"; exit 1; }
if ! grep -q "already in sync" <<< "$out"; then
  echo "$out"
  echo "The migrations do not build the current schema: write the missing migration (see README)." >&2
  exit 1
fi
echo "Migrations match the schema ($(sed -E 's#//[^@/]*@#//#' <<< "$url"))."
