#!/usr/bin/env bash
# The console in a real browser (headless Chromium through chromedriver, WebDriver over HTTP with
# curl): a grid worker's phone records a day and rectifies a hazard; township staff sign in, open
# the day, filter the hazard ledger to what is rectified, open the hazard, reinspect it and close
# it with the page's own form (no script); the phone syncs and sees it closed.
#
#   tests/tools/console_browser_test.sh SOURCE_DIR BUILD_DIR   (ctest: console.browser)
#
# Fails when chromium or chromedriver is not installed (./run setup installs both).
set -euo pipefail

ROOT="$(cd "${1:?usage: console_browser_test.sh SOURCE_DIR BUILD_DIR}" && pwd)"
BUILD="$(cd "${2:?usage: console_browser_test.sh SOURCE_DIR BUILD_DIR}" && pwd)"
COUNTY="$BUILD/server/qiaomen-county"
CLI="$BUILD/cli/qiaomen"

say() { printf '[browser] %s\n' "$*"; }
fail() { printf '[browser] FAIL: %s\n' "$*" >&2; exit 1; }

command -v chromedriver >/dev/null && [[ -x /usr/bin/chromium ]] ||
  fail "chromium and chromium-driver are not installed: run ./run setup (as root), which installs them."
for bin in "$COUNTY" "$CLI" "$BUILD/demo/qiaomen-demo-day"; do
  [[ -x "$bin" ]] || fail "${bin#"$BUILD"/} is not built."
done

# shellcheck source=demo/lib.sh
source "$ROOT/demo/lib.sh"
WORK="$(make_work_dir browser)"
SERVER_PID=""
DRIVER_PID=""
WD=""
SESSION=""
cleanup() {
  local rc=$?
  [[ -z "$SESSION" ]] || curl -sf -X DELETE "$WD/session/$SESSION" >/dev/null || true
  stop_process "$DRIVER_PID"
  stop_process "$SERVER_PID"
  [[ $rc == 0 ]] || { tail -n 20 "$WORK/setup.log" "$WORK/server.log" >&2 || true; }
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

DATA="$WORK/county"
county() { "$COUNTY" "$1" --data "$DATA" "${@:2}" >>"$WORK/setup.log"; }
county init --name "测试县"
cat >"$WORK/county.csv" <<'CSV'
external_id,kind,town,village,grid,name,address,phone,members,tags
H-001,household,T01:城关镇,V01:东门社区,G01,王芳,东门路1号,13800000001,3,coal_heating
H-002,household,T01:城关镇,V01:东门社区,G01,李伟,东门路2号,,1,elderly_alone
P-001,premises,T01:城关镇,V02:西关村,G01,便民超市,西关街5号,,0,bottled_gas
CSV
county import-subjects "$WORK/county.csv"
county add-staff --id chengguan --name 城关镇张 --role township --scope town:T01
PASSWORD="browser-$RANDOM-$RANDOM"
printf '%s\n' "$PASSWORD" | "$COUNTY" set-password --data "$DATA" --id chengguan >>"$WORK/setup.log"
for f in "$ROOT"/checklists/*.json; do county publish-template "$f"; done
county campaign create --id winter --title "冬季安全敲门行动" \
  --template household_winter,nine_small_premises_fire --scope county \
  --due "$(date -u -d '+30 days' +%Y-%m-%d)"
county add-worker --id gw-wang --name 王网格 --role grid_worker --scope town:T01
start_county_server "$COUNTY" "$DATA" "$WORK"
URL="http://$SERVER_ADDR"

# The phone's day: visits with hazards, synced; then one hazard rectified on site and synced.
export QIAOMEN_PIN=2468
dev() { "$CLI" --data "$WORK/device" "$@"; }
dev enroll --server "$URL" --code "$("$COUNTY" enroll-code --data "$DATA" --worker gw-wang)" \
  >>"$WORK/setup.log"
dev sync >>"$WORK/setup.log"
dev tasks --json >"$WORK/tasks.json"
"$BUILD/demo/qiaomen-demo-day" --tasks "$WORK/tasks.json" --checklists "$ROOT/checklists" \
  --out "$WORK/day" --count 3 --seed 3 --end-ms $(( $(date +%s) * 1000 - 600000 )) \
  --minutes 14 >>"$WORK/setup.log"
dev visit record --json "$WORK/day"/visit-*.json >>"$WORK/setup.log"
dev sync >>"$WORK/setup.log"
HAZARD="$(dev hazards --open --json | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
[[ -n "$HAZARD" ]] || fail "the demo day found no hazard"
PHOTO="$(ls "$WORK/day"/photos/*.jpg | head -n 1)"
# Ordered (again, when the visit ordered it already: a new deadline), then rectified on site.
dev hazard update "$HAZARD" --event ordered --note "限期整改" >>"$WORK/setup.log"
dev hazard update "$HAZARD" --event rectified --photo "$PHOTO" --note "已整改" >>"$WORK/setup.log"
dev sync >>"$WORK/setup.log"
HEX="$(printf '%s' "$HAZARD" | tr -d '-' | tr 'A-F' 'a-f')"

DRIVER_PORT=$((20000 + RANDOM % 20000))
chromedriver --port="$DRIVER_PORT" >"$WORK/chromedriver.log" 2>&1 &
DRIVER_PID=$!
WD="http://127.0.0.1:$DRIVER_PORT"
for _ in $(seq 100); do curl -sf "$WD/status" >/dev/null && break; sleep 0.1; done
wd() { curl -sf -X "$1" -H 'Content-Type: application/json' "$WD$2" ${3:+-d "$3"}; }
SESSION="$(wd POST /session '{"capabilities":{"alwaysMatch":{"browserName":"chrome",
  "goog:chromeOptions":{"binary":"/usr/bin/chromium","args":["--headless=new","--no-sandbox",
  "--disable-gpu","--lang=zh-CN"]}}}}' |
  grep -o '"sessionId":"[^"]*"' | cut -d'"' -f4)" ||
  fail "chromedriver did not start Chromium: $(cat "$WORK/chromedriver.log")"
S="/session/$SESSION"
# Script stays off: every step below is a link, a GET form or a POST form.
element() {
  wd POST "$S/element" "{\"using\":\"css selector\",\"value\":\"$1\"}" |
    grep -o '"element-6066-11e4-a52e-4f735466cecf":"[^"]*"' | cut -d'"' -f4
}
click() {
  local id
  id="$(element "$1")"
  [[ -n "$id" ]] || fail "no element $1 on $(current_url)"
  wd POST "$S/element/$id/click" '{}' >/dev/null
}
type_into() { wd POST "$S/element/$(element "$1")/value" "{\"text\":\"$2\"}" >/dev/null; }
current_url() { wd GET "$S/url" | sed 's/.*"value":"\([^"]*\)".*/\1/'; }
source_has() { wd GET "$S/source" | grep -q -- "$1"; }
go() { wd POST "$S/url" "{\"url\":\"$URL$1\"}" >/dev/null; }

go /console/login
type_into 'input[name=id]' chengguan
type_into 'input[name=password]' "$PASSWORD"
click 'button[type=submit]'
[[ "$(current_url)" == "$URL/console/" ]] || fail "signing in did not open the day: $(current_url)"
source_has '今日走访' || fail "the day's page has no tiles"
say "signed in; the day is open"

go /console/hazards
click 'select[name=status] option[value=rectified]'
click 'form.filters button[type=submit]'
[[ "$(current_url)" == *"status=rectified"* ]] || fail "the filter did not apply: $(current_url)"
source_has "data-hazard=[^a-f0-9]*$HEX" ||
  fail "the rectified hazard $HEX is not in the filtered ledger"
click "tr[data-hazard=\\\"$HEX\\\"] a"
[[ "$(current_url)" == "$URL/console/hazards/$HEX" ]] || fail "the hazard did not open: $(current_url)"
say "ledger filtered; hazard $HEX open"

click 'input[value=reinspect]'
type_into 'textarea[name=note]' '复查合格'
click 'section.step-form button[type=submit]'
[[ "$(current_url)" == *"done=reinspect"* ]] || fail "reinspecting did not redirect: $(current_url)"
source_has '已记录“复查通过”' || fail "no flash after reinspecting"
click 'input[value=close]'
click 'section.step-form button[type=submit]'
[[ "$(current_url)" == *"done=close"* ]] || fail "closing did not redirect: $(current_url)"
source_has '这处隐患已销号，不能再处理。' || fail "the hazard page does not show it closed"
source_has '城关镇张' || fail "the history does not name the staff member"
say "reinspected and closed in the browser"

dev sync >>"$WORK/setup.log"
dev hazards --json | grep -o "\"id\":\"$HAZARD\"[^}]*" | grep -q '"open":false' ||
  fail "the phone does not see the hazard closed: $(dev hazards --json)"
say "the phone sees it closed: pass"
