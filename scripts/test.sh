#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what is missing, restores, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK 10 is required (https://dotnet.microsoft.com/download)" >&2
  exit 1
fi

# The real data sets live beside the repository (../shared/datasets); tests that read them say so when absent.
if [ ! -d ../shared/datasets ]; then
  echo "warning: ../shared/datasets not found; data-set tests will fail with a message naming the path" >&2
fi

# The end-to-end tests drive the real app in Debian's Chromium (never Playwright's own download).
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium for the end-to-end tests" >&2
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null
fi

# The failover tests put nginx in front of two app instances, as the README's two-instance setup does.
if [ ! -x /usr/sbin/nginx ]; then
  echo "installing nginx for the two-instance failover tests" >&2
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq nginx-light >/dev/null
fi

# The web app's build fetches the fonts it serves from npm (src/Scheduler.Web/client).
if ! command -v npm >/dev/null 2>&1; then
  echo "installing nodejs and npm for the web app's front-end files" >&2
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq nodejs npm >/dev/null
fi

# The PostgreSQL tests run the same model and migrations on a real server.
SCHEDULER_TEST_POSTGRES=$(bash scripts/postgres.sh)
export SCHEDULER_TEST_POSTGRES

dotnet build Scheduler.sln -c Release
# The code keeps the .editorconfig's style (EF's generated migrations excepted): a drift fails the run, after the tests.
format_status=0
dotnet format Scheduler.sln --verify-no-changes --no-restore || format_status=$?
status=0
dotnet test Scheduler.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee /tmp/scheduler-test.log \
  || status=$?
# One closing line in the plain form CI reads: "N passed, N failed".
passed=$(awk '$1 == "Passed:" {s += $2} END {print s + 0}' /tmp/scheduler-test.log)
failed=$(awk '$1 == "Failed:" {s += $2} END {print s + 0}' /tmp/scheduler-test.log)
if [ "$failed" -ne 0 ]; then
  echo "failed tests:"
  grep -E '^ +Failed ' /tmp/scheduler-test.log || true
fi
echo "tests: ${passed} passed, ${failed} failed"
if [ "$format_status" -ne 0 ]; then
  echo "dotnet format --verify-no-changes found style drift: run 'dotnet format Scheduler.sln' and commit the result"
fi
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ] && [ "$format_status" -eq 0 ]
