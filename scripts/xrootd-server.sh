#!/usr/bin/env bash
# A real XRootD server on this machine, for the tests and for trying root://
# files on a laptop (`cppnb notebook --local-xrootd`): Debian's xrootd serving
# one directory read-only, its configuration, pid file and log in another.
#
#   scripts/xrootd-server.sh start   start it (a no-op when it already runs)
#   scripts/xrootd-server.sh stop    stop it and remove its directory
#   scripts/xrootd-server.sh status  exit 0 when it runs
#   scripts/xrootd-server.sh url     print its root:// prefix (root://localhost:PORT/)
#
# CPPNB_XROOTD_DATA: the directory served (default: the repository's
# test/data/root-files), a file DATA/x.root is root://localhost:PORT//x.root.
# CPPNB_XROOTD_PORT (default 1094), CPPNB_XROOTD_DIR (default /tmp/cppnb-xrootd).
# CPPNB_XROOTD_SSS_KEYTAB: a keytab made by `xrdsssadmin add`; the server then
# accepts only clients holding it (XRootD's sss authentication; a client names
# it in XrdSecSSSKT), else no authentication beyond unix.
# xrootd refuses to run as root: started as root it runs as nobody (-R), which
# must be able to read the data. It listens on every interface of this machine.
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
DATA=$(cd "${CPPNB_XROOTD_DATA:-$HERE/test/data/root-files}" && pwd)
PORT=${CPPNB_XROOTD_PORT:-1094}
DIR=${CPPNB_XROOTD_DIR:-/tmp/cppnb-xrootd}
PIDFILE=$DIR/xrootd.pid

running() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

answers() {
  XrdSecSSSKT=${CPPNB_XROOTD_SSS_KEYTAB:-${XrdSecSSSKT:-}} timeout 5 xrdfs "root://localhost:$PORT" stat / >/dev/null 2>&1
}

stop() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  if [[ -n $pid ]]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  # Only a directory this script made (CPPNB_XROOTD_DIR could be anything).
  if [[ -f $DIR/.cppnb-xrootd ]]; then rm -rf "$DIR"; fi
}

start() {
  if running; then echo "xrootd-server: already running (root://localhost:$PORT/)"; return 0; fi
  for cmd in xrootd xrdfs; do
    command -v "$cmd" >/dev/null || { echo "xrootd-server: $cmd is missing (apt-get install xrootd-server xrootd-client)" >&2; exit 1; }
  done
  stop
  if [[ -e $DIR && -n $(ls -A "$DIR" 2>/dev/null) ]]; then
    echo "xrootd-server: $DIR exists and is not one of this script's; choose another CPPNB_XROOTD_DIR" >&2
    exit 1
  fi
  mkdir -p "$DIR/admin"
  touch "$DIR/.cppnb-xrootd"
  local security=""
  if [[ -n ${CPPNB_XROOTD_SSS_KEYTAB:-} ]]; then
    # The server's copy, readable by it alone (xrootd refuses a keytab others can read).
    install -m 600 "$CPPNB_XROOTD_SSS_KEYTAB" "$DIR/sss.keytab"
    security="xrootd.seclib libXrdSec.so
sec.protocol sss -s $DIR/sss.keytab
sec.protbind * only sss"
  fi
  cat > "$DIR/xrootd.cfg" <<EOF
xrd.port $PORT
all.export / nolock r/o
oss.localroot $DATA
all.adminpath $DIR/admin
all.pidpath $DIR
$security
EOF
  local as=()
  if [[ $(id -u) -eq 0 ]]; then
    as=(-R nobody)
    chown -R nobody "$DIR"
  fi
  xrootd "${as[@]}" -b -I v4 -c "$DIR/xrootd.cfg" -l "$DIR/xrootd.log" -s "$PIDFILE" -n cppnb >/dev/null 2>&1 || true
  for _ in $(seq 100); do
    if answers; then echo "xrootd-server: serving $DATA at root://localhost:$PORT/"; return 0; fi
    sleep 0.1
  done
  echo "xrootd-server: xrootd did not start; its log:" >&2
  tail -n 20 "$DIR"/*.log "$DIR"/*/xrootd.log 2>/dev/null >&2 || true
  stop
  exit 1
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) running ;;
  url) echo "root://localhost:$PORT/" ;;
  *) echo "usage: xrootd-server.sh start|stop|status|url" >&2; exit 2 ;;
esac
