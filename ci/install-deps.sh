#!/usr/bin/env bash
# Installs every Debian package that Gauntlet's build, tests and side-by-side
# benchmarks need, then the npm client that the proxy's peer test drives
# `gauntlet proxy` with (into .gauntlet-test-node/, ignored by git). Idempotent:
# runs `apt-get update` only when something is missing, npm only when the pinned
# client is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # libraries Gauntlet builds against
  googletest libgtest-dev libgmock-dev libbenchmark-dev librapidcheck-dev
  libboost1.81-dev libboost-math1.81-dev libboost-system1.81-dev
  nlohmann-json3-dev libfmt-dev libcli11-dev libsqlite3-dev libpq-dev libyaml-cpp-dev libxml2-dev
  # peers for side-by-side benchmarks and comparisons (never linked into gauntlet::*)
  prometheus-cpp-dev libbenchmark-tools wrk nginx-light redis-server redis-tools
  # independent readers the tests feed our output to
  prometheus python3 python3-prometheus-client python3-yaml libxml2-utils sqlite3
  # the PostgreSQL server the history tests start on loopback (initdb, postgres)
  postgresql
  chromium
  # peer client for `gauntlet proxy` (chaos/tests/proxy/toxiproxy_node)
  nodejs npm
  # the fuzz preset: clang with libFuzzer and the sanitizer runtimes (docs/fuzzing.md)
  clang-16 libfuzzer-16-dev libclang-rt-16-dev
  # the format check (.clang-format, ctest -L hygiene) and the lint rules (.clang-tidy)
  clang-format clang-tidy
)

# A package counts as present when it is installed, or when an installed package
# provides it (a nodejs build that bundles npm conflicts with Debian's npm).
present() {
  local status
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] && return 0
  local provided
  provided=$(dpkg-query -W -f='${db:Status-Abbrev}|${Provides}\n' 2>/dev/null || true)
  grep -qE "^ii *\|(.*, )?$1( |,|\$)" <<<"$provided"
}

# The Toxiproxy client the peer test runs against `gauntlet proxy`, pinned, with
# the TypeScript compiler that turns the client's own test suite into JavaScript.
node_dir=.gauntlet-test-node
node_packages=(toxiproxy-node-client@4.1.0 typescript@5.1.6)
install_node_packages() {
  local spec name version have all=1
  for spec in "${node_packages[@]}"; do
    name=${spec%@*} version=${spec##*@}
    have=$(node -p "require('./$node_dir/node_modules/$name/package.json').version" 2>/dev/null || true)
    [[ "$have" == "$version" ]] || all=0
  done
  if ((all)); then
    echo "install-deps: ${node_packages[*]} present in $node_dir"
    return 0
  fi
  echo "install-deps: npm install ${node_packages[*]} into $node_dir"
  # One command for all of them: a later --no-save install would prune the others.
  npm install --prefix "$node_dir" --no-save --no-audit --no-fund "${node_packages[@]}"
}

missing=()
for p in "${packages[@]}"; do
  present "$p" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  install_node_packages
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_node_packages
