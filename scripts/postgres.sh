#!/usr/bin/env bash
# Makes a local PostgreSQL server available for the tests (Debian): installs it when missing, starts the cluster,
# creates the role "scheduler" (password "scheduler", may create databases), and prints the connection string.
set -euo pipefail
# Only the connection string goes to standard output; everything the tools print (pg_ctlcluster may say
# "removed stale pid file") goes to standard error, so the caller can capture the string alone.
exec 3>&1 1>&2
# The server started below must not hold the caller's pipe open: it gets no descriptor 3.
as_root=""
if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing postgresql for the PostgreSQL tests" >&2
  $as_root apt-get update -qq 3>&-
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq postgresql >/dev/null 3>&-
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $4 == "online"' | grep -q .; then
  $as_root pg_ctlcluster "$version" main start 3>&-
fi
for _ in $(seq 1 30); do
  if $as_root su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
$as_root su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'scheduler'\"" | grep -q 1 \
  || $as_root su postgres -c "psql -qc \"create role scheduler login createdb password 'scheduler'\"" >/dev/null
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v {print $3}')
echo "Host=127.0.0.1;Port=${port};Username=scheduler;Password=scheduler" >&3
