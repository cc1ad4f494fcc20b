#!/bin/sh
# pcscd for the card tests: the system's PC/SC daemon with vsmartcard's vpcd driver (Debian packages
# pcscd, vsmartcard-vpcd; /etc/reader.conf.d/vpcd gives two virtual readers, "Virtual PCD 00 00" on
# port 35963 and "Virtual PCD 00 01" on 35964, where test/support/virtualType4Card.mjs connects).
#   test/support/pcscd.sh start   starts it unless it runs; waits until vpcd listens (idempotent)
#   test/support/pcscd.sh stop    stops the one the pid file names
# Not with --auto-exit: a pcscd found running a moment before its idle minute ends would leave the
# tests that found it without one. It runs as the system's PC/SC service does, until `stop`.
set -eu
PIDFILE=/run/pcscd/pcscd.pid
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
# vpcd's first slot listening on 35963 (8C7B), read from the kernel's table: no iproute2 needed.
listening() { awk '$4 == "0A" && $2 ~ /:8C7B$/ { found = 1 } END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null; }
case "${1:-}" in
  start)
    if ! running; then
      command -v pcscd >/dev/null || { echo "pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)" >&2; exit 1; }
      [ -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || { echo "vpcd is not installed (apt-get install vsmartcard-vpcd)" >&2; exit 1; }
      pcscd
    fi
    i=0
    until listening; do
      i=$((i + 1))
      [ "$i" -le 100 ] || { echo "pcscd started but vpcd does not listen on 35963" >&2; exit 1; }
      sleep 0.1
    done
    ;;
  stop)
    if running; then
      pid=$(cat "$PIDFILE")
      kill "$pid"
      i=0
      while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do i=$((i + 1)); sleep 0.1; done
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
