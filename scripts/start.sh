#!/usr/bin/env bash
# Install everything and start the console on the embedded database with the live demo city.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-pnpm.sh
export PATH="$HOME/.local/bin:$PATH"
pnpm install --frozen-lockfile
exec pnpm start
