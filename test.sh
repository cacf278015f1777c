#!/usr/bin/env bash
# The README's test command: installs what the tests need, builds everything, runs every test in the
# solution (unit, conformance, architecture, template, end-to-end) and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
require_dotnet
ensure_apt_packages $(test_apt_packages)
ensure_npm_dependencies tests/interop/ethers tests/interop/werift

configuration=${CONFIGURATION:-Release}
results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

echo "==> Building Livepeer.Host.sln ($configuration)"
dotnet build Livepeer.Host.sln -c "$configuration" -nologo -v:minimal

echo "==> Running tests"
set +e
dotnet test Livepeer.Host.sln -c "$configuration" --no-build -nologo -v:minimal \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  -- RunConfiguration.TestSessionTimeout=1500000
status=$?
set -e

summarize_trx "$results" "$status"
