#!/bin/sh
# Installs what the tests and the dashboard need on a fresh machine of this kind (Node 20 + npm, Debian,
# root): pnpm at the pinned version, the tools better-sqlite3 builds with (python3, make, g++), the workspace's
# packages, and — for tests — Debian's Chromium, iptables (legacy and nft) and iproute2. Idempotent: a warm
# machine spends well under a second here.
set -eu
cd "$(dirname "$0")/.."
# apt_install " pkg pkg" WHAT: installs the (space-led) packages as root, or says what to install and stops.
apt_install() {
  [ -n "$1" ] || return 0
  if [ "$(id -u)" = 0 ]; then
    echo "natscope: apt-get install$1 ($2)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $1 >&2
  else
    echo "natscope: missing $2:$1 (install them as root: apt-get install$1)" >&2
    exit 1
  fi
}
want_pnpm=12.4.2
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "natscope: installing pnpm $want_pnpm" >&2
  npm install -g --silent "pnpm@$want_pnpm" >&2
fi
if [ "${1:-}" = "--system" ]; then
  missing=""
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  command -v iptables-legacy >/dev/null 2>&1 || missing="$missing iptables"
  command -v nft >/dev/null 2>&1 || missing="$missing nftables"
  command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
  apt_install "$missing" "system packages"
fi
# better-sqlite3 (the history store) compiles from source on install: node-gyp needs python3, make and g++, and
# Node's headers (npm_config_nodedir; Debian's nodejs keeps them under /usr/include/node).
build_missing=""
command -v python3 >/dev/null 2>&1 || build_missing="$build_missing python3"
command -v make >/dev/null 2>&1 || build_missing="$build_missing make"
command -v g++ >/dev/null 2>&1 || build_missing="$build_missing g++"
if [ ! -e node_modules/.pnpm/better-sqlite3@12.11.1/node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  apt_install "$build_missing" "build tools for better-sqlite3"
fi
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile >&2
else
  pnpm install --prefer-offline >&2
fi
