#!/usr/bin/env bash
# The Debian packages cppnb needs, by role, and how they get installed. One list
# for every place that installs them: scripts/setup.sh (npm start, npm test, CI)
# and both stages of docker/Dockerfile.
#
#   scripts/system-packages.sh list ROLE...      print the packages
#   scripts/system-packages.sh install ROLE...   install the missing ones (as root),
#                                                or say which apt-get line to run
#
# Roles:
#   build    compile the interpreter host and its precompiled headers, the
#            ROOT-like library's I/O (compression libraries) and pictures
#            (librsvg, cairo), remote files (XRootD's client, libcurl), and
#            node-pty
#   runtime  run the kernel in a notebook server: LLVM's shared libraries and
#            clang's own headers, the C++ standard headers user cells include,
#            the notebook server (and the hub's single-user one), and for %%slurm
#            the clang driver (jobs' programs are compiled) and Slurm's client,
#            and the compression libraries ROOT files use, and librsvg, cairo
#            and a font for pictures saved as PNG/PDF, and XRootD's client (with
#            its security plugins) and libcurl for root:// and https:// files
#   test     the Jupyter clients, browser and hub the tests drive, and the
#            Slurm daemons of the tests' single-node cluster, and an XRootD
#            server (and openssl for the HTTPS server's certificate)
set -euo pipefail

BUILD=(
  clang-22 libclang-22-dev libclang-cpp22-dev llvm-22-dev make g++
  zlib1g-dev liblzma-dev liblz4-dev libzstd-dev libxxhash-dev
  librsvg2-dev libcairo2-dev pkg-config
  libxrootd-client-dev libcurl4-openssl-dev
)
RUNTIME=(
  libclang-cpp22 libllvm22 libclang1-22 libclang-common-22-dev
  libstdc++-12-dev libc6-dev
  jupyter-notebook python3-ipykernel jupyterhub
  clang-22 slurm-client
  libomp-22-dev nlohmann-json3-dev
  zlib1g liblzma5 liblz4-1 libzstd1 libxxhash0
  librsvg2-2 libcairo2 fonts-dejavu-core
  libxrdcl3 xrootd-plugins libcurl4 ca-certificates
  xrootd-client
)
TEST=(
  jupyter-client jupyter-console jupyter-nbconvert python3-nbclient
  python3-jupyter-kernel-test python3-pytest
  chromium python3-nbclassic node-configurable-http-proxy tmux
  slurm-wlm munge
  xrootd-server openssl
)

packages() {
  for role in "$@"; do
    case $role in
      build) printf '%s\n' "${BUILD[@]}" ;;
      runtime) printf '%s\n' "${RUNTIME[@]}" ;;
      test) printf '%s\n' "${TEST[@]}" ;;
      *) echo "system-packages.sh: unknown role $role (build, runtime, test)" >&2; exit 2 ;;
    esac
  done
}

install() {
  local missing=()
  for p in $(packages "$@"); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "cppnb: missing Debian packages: ${missing[*]}" >&2
    echo "  install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "cppnb: installing ${missing[*]}"
  # LLVM 22 comes from bookworm-security: refresh the lists when it is not known yet.
  if ! apt-cache show clang-22 >/dev/null 2>&1 || [[ -z $(apt-cache policy clang-22 | awk '/Candidate:/ && $2 != "(none)"') ]]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

case ${1:-} in
  list) shift; packages "$@" ;;
  install) shift; install "$@" ;;
  *) echo "usage: system-packages.sh list|install ROLE..." >&2; exit 2 ;;
esac
