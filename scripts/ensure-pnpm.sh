#!/usr/bin/env bash
# Puts the pinned pnpm on PATH (Node 20 ships none; corepack fails on this registry).
set -euo pipefail
PNPM_VERSION=12.4.2
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
  exit 0
fi
if ! npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
  # No write access to the global prefix: install under the user's home instead.
  npm install -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" >/dev/null
fi
