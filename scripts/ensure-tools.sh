#!/bin/sh
# Installs what the tests and the dashboard need on a fresh machine of this kind (Node 20 + npm, Debian,
# root): pnpm at the pinned version, the workspace's packages, and — for tests — Debian's Chromium,
# iptables (legacy and nft) and iproute2. Idempotent: a warm machine spends well under a second here.
set -eu
cd "$(dirname "$0")/.."
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
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "natscope: apt-get install$missing" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
    else
      echo "natscope: missing system packages:$missing (install them as root: apt-get install$missing)" >&2
      exit 1
    fi
  fi
fi
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile >&2
else
  pnpm install --prefer-offline >&2
fi
