#!/usr/bin/env bash
# Installs every Debian package that Gauntlet's build, tests and side-by-side
# benchmarks need. Idempotent: runs `apt-get update` only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # libraries Gauntlet builds against
  googletest libgtest-dev libgmock-dev libbenchmark-dev librapidcheck-dev
  libboost1.81-dev libboost-math1.81-dev libboost-system1.81-dev
  nlohmann-json3-dev libfmt-dev libcli11-dev libsqlite3-dev libyaml-cpp-dev libxml2-dev
  # peers for side-by-side benchmarks and comparisons (never linked into gauntlet::*)
  prometheus-cpp-dev libbenchmark-tools wrk nginx-light redis-server redis-tools
  # independent readers the tests feed our output to
  prometheus python3 python3-prometheus-client python3-yaml libxml2-utils sqlite3
  chromium
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
