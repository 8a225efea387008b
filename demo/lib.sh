# Shared by demo/run_demo.sh and demo/run_app.sh (sourced, not run): a scratch directory that
# honours TMPDIR, stopping a child process politely, and starting the county server.
# Each caller defines fail() before sourcing this file.

# A new scratch directory named qiaomen-NAME.<random> under $TMPDIR (default /tmp).
make_work_dir() { mktemp -d "${TMPDIR:-/tmp}/qiaomen-$1.XXXXXX"; }

# Stops process PID (if it still runs): SIGTERM, up to 5 s to drain, then SIGKILL.
stop_process() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Starts `COUNTY serve` on DATA at 127.0.0.1 on a free port, logging to WORK/server.log, and waits
# up to 10 s for it. Sets SERVER_PID (the server itself, for stop_process) and SERVER_ADDR
# (host:port); fails with the server's log when it does not start.
start_county_server() {
  local county="$1" data="$2" work="$3"
  "$county" serve --data "$data" --listen 127.0.0.1:0 --ready-file "$work/server.ready" \
    >"$work/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do [[ -s "$work/server.ready" ]] && break; sleep 0.1; done
  [[ -s "$work/server.ready" ]] || fail "the county server did not start: $(cat "$work/server.log")"
  SERVER_ADDR="$(cat "$work/server.ready")"
}
