#!/usr/bin/env bash
# Starts Debian's PostgreSQL on 127.0.0.1:5432 and makes the role and database the HQ tests use.
# Prints the environment to export (eval it); everything else goes to stderr.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} main$"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2
su postgres -c "psql -v ON_ERROR_STOP=1 -q" >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qeyd') THEN
    CREATE ROLE qeyd LOGIN PASSWORD 'qeyd' CREATEDB;
  END IF;
END $$;
SQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'qeyd_test'\"" | grep -q 1 || su postgres -c "createdb -O qeyd qeyd_test" >&2
echo "export QEYD_TEST_PG_URL=postgres://qeyd:qeyd@127.0.0.1:5432/qeyd_test"
