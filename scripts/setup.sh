#!/usr/bin/env bash
# Brings a fresh clone to a runnable state, for `npm test` and `npm start` alike:
# Debian packages (installed when missing and running as root), npm ci, the
# TypeScript build and the C++ host. Safe to run again: each step is skipped
# when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: what builds the host, what runs it, and what the tests
# drive (one list, shared with docker/Dockerfile: scripts/system-packages.sh).
bash scripts/system-packages.sh install build runtime test

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "cppnb setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

npx tsc -p tsconfig.json
make -s -C root all
make -s -C interpreter-bridge/host all
