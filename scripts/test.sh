#!/bin/sh
# Every test: typecheck, lint, unit and integration tests (vitest), browser tests (Playwright).
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-tools.sh --system
pnpm run typecheck
pnpm run lint
pnpm run unit
if [ -f playwright.config.ts ] && [ -d e2e ] && ls e2e/*.spec.ts >/dev/null 2>&1; then
  pnpm run e2e
fi
