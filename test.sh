#!/usr/bin/env bash
# Runs every test of Balancer. The browser test needs Debian's Chromium and chromedriver; they are
# installed here when missing (as root, or through sudo). Everything else the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} for the browser test..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Build in parallel, then run the test projects one at a time: on a small machine the fault and
# timing-bound tests of one project should not share the cores with another project's cluster.
dotnet build Balancer.sln -c Release
dotnet test Balancer.sln -c Release --no-build -m:1 "$@"
