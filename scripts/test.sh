#!/usr/bin/env bash
# Install everything and run the whole test suite (unit, API, socket, end-to-end in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-pnpm.sh
export PATH="$HOME/.local/bin:$PATH"
pnpm install --frozen-lockfile
exec pnpm test
