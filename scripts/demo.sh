#!/usr/bin/env bash
# Runs the demo contact centre: history -> SQLite -> backtest -> forecast -> staffing, printed as a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Scheduler.Cli -c Release -- demo --out demo-output "$@"
