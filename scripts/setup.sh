#!/usr/bin/env bash
# Brings a fresh clone to a runnable state, for `npm test` and `npm start` alike:
# Debian packages (installed when missing and running as root), npm ci, the
# TypeScript build and the C++ host. Safe to run again: each step is skipped
# when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# LLVM 22 builds the host; make and g++ build node-pty (node-gyp); the Jupyter
# clients drive the tests and the launcher; chromium is the browser of the
# browser tests (driven by playwright-core, which downloads no browser), on
# notebook 6 and nbclassic, and through a JupyterHub.
APT_PACKAGES=(
  clang-22 libclang-22-dev libclang-cpp22-dev llvm-22-dev make g++
  jupyter-client jupyter-console jupyter-nbconvert python3-nbclient
  python3-jupyter-kernel-test python3-pytest jupyter-notebook python3-ipykernel
  chromium python3-nbclassic jupyterhub node-configurable-http-proxy
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "cppnb setup: missing Debian packages: ${missing[*]}" >&2
    echo "  install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "cppnb setup: installing ${missing[*]}"
  # LLVM 22 comes from bookworm-security: refresh the lists when it is not known yet.
  if ! apt-cache show clang-22 >/dev/null 2>&1 || [[ -z $(apt-cache policy clang-22 | awk '/Candidate:/ && $2 != "(none)"') ]]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "cppnb setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

npx tsc -p tsconfig.json
make -s -C interpreter-bridge/host all
