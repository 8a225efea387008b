#!/usr/bin/env bash
# The app against a real county server on this desktop: a county server in a temporary directory
# with a generated county, the shipped checklists, the winter campaign and one grid worker
# (gw-wang, two grids of 城关镇), a one-time enrolment code for that worker, and qiaomen-app
# started with the enrol screen filled in (server and code: set a 6-digit PIN and tap 登记).
#
#   demo/run_app.sh BUILD_DIR [APP ARGS...]   (./run app calls it with build/release)
#
# APP ARGS go to qiaomen-app after --server and --code (e.g. --screenshot FILE saves the enrol
# screen and exits, which is how this script is checked without a person).
# Needs a display (DISPLAY or WAYLAND_DISPLAY). Everything it starts is stopped, and the
# temporary directory (county and phone profile) deleted, when the app's window closes;
# QIAOMEN_APP_KEEP=1 keeps the directory.
set -euo pipefail

BUILD="${1:?usage: run_app.sh BUILD_DIR [APP ARGS...]}"
shift
BUILD="$(cd "$BUILD" && pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNTY="$BUILD/server/qiaomen-county"
MAKE_COUNTY="$BUILD/demo/qiaomen-demo-county"
APP="$BUILD/mobile/qiaomen-app"

say() { printf '[app] %s\n' "$*"; }
fail() { printf '[app] error: %s\n' "$*" >&2; exit 1; }

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  fail "there is no display (DISPLAY and WAYLAND_DISPLAY are unset), so the app's window cannot open. Run this on a desktop session; without one, './run screenshots' renders every screen to PNG files."
fi
for bin in "$COUNTY" "$MAKE_COUNTY" "$APP"; do
  [[ -x "$bin" ]] || fail "${bin#"$BUILD"/} is not built. Nothing was run."
done

# shellcheck source=demo/lib.sh
source "$ROOT/demo/lib.sh"
WORK="$(make_work_dir app)"
SERVER_PID=""
cleanup() {
  local rc=$?
  stop_process "$SERVER_PID"
  if [[ "${QIAOMEN_APP_KEEP:-0}" == 1 ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

DATA="$WORK/county"
county() { "$COUNTY" "$1" --data "$DATA" "${@:2}" >>"$WORK/setup.log"; }
say "county server with demo data in $WORK"
county init --name "演示县 Demo County"
"$MAKE_COUNTY" --out "$WORK/county.csv" >>"$WORK/setup.log"
county import-subjects "$WORK/county.csv"
for f in "$ROOT"/checklists/*.json; do county publish-template "$f"; done
county campaign create --id winter-2026 --title "冬季安全敲门行动 Winter knock-on-the-door" \
  --template household_winter,nine_small_premises_fire,village_emergency_shelter \
  --scope county --due "$(date -u -d '+30 days' +%Y-%m-%d)"
county add-worker --id gw-wang --name "王网格 Wang" --role grid_worker \
  --scope grids:T01-V01-G01,T01-V01-G02
CODE="$("$COUNTY" enroll-code --data "$DATA" --worker gw-wang)"

start_county_server "$COUNTY" "$DATA" "$WORK"
URL="http://$SERVER_ADDR"
say "county server at $URL; enrolment code for gw-wang: $CODE"
say "opening the app: the enrol screen is filled in; choose a 6-digit PIN, tap 登记, then 同步."
QIAOMEN_DATA_DIR="$WORK/phone" "$APP" --server "$URL" --code "$CODE" "$@"
