#!/bin/sh
# Benchmarks that print numbers (no pass/fail): parser and model, fleet collection, trace, UI.
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-tools.sh
for b in bench/*.bench.ts; do
  [ -f "$b" ] || continue
  echo "== $b"
  node --expose-gc --import tsx "$b"
done
