#!/bin/sh
# Starts the dashboard: on the cluster in KUBECONFIG (or the in-cluster service account), else on demo gateways.
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-tools.sh
if [ -f apps/server/src/main.ts ]; then
  pnpm --filter @natscope/web run build >&2
  exec pnpm --silent --filter @natscope/server run start "$@"
fi
# Until the server exists: inspect a bundled sample dump.
exec pnpm --silent natscope inspect packages/iptables/fixtures/s5-tenant-v116-legacy.txt
