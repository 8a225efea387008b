#!/usr/bin/env bash
# The web console's pages as PNG files: a county server with a small two-town county in a
# temporary directory, a county staff account, and headless Chromium driven through chromedriver
# (WebDriver over HTTP with curl) that signs in like a person and saves each page at 1366x768
# and at a 390 px wide phone as OUT/console-NAME[-phone].png, in Chinese and (NAME-en) English.
#
#   demo/console_screenshots.sh BUILD_DIR OUT_DIR   (./run screenshots calls it)
#
# Needs chromium and chromium-driver (Debian). Everything it starts is stopped and the temporary
# directory deleted at the end.
set -euo pipefail

BUILD="$(cd "${1:?usage: console_screenshots.sh BUILD_DIR OUT_DIR}" && pwd)"
OUT="${2:?usage: console_screenshots.sh BUILD_DIR OUT_DIR}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNTY="$BUILD/server/qiaomen-county"

say() { printf '[console] %s\n' "$*"; }
fail() { printf '[console] error: %s\n' "$*" >&2; exit 1; }

[[ -x "$COUNTY" ]] || fail "${COUNTY#"$BUILD"/} is not built. Nothing was run."
command -v chromedriver >/dev/null || fail "chromedriver is missing: apt-get install chromium chromium-driver."

# shellcheck source=demo/lib.sh
source "$ROOT/demo/lib.sh"
WORK="$(make_work_dir console)"
SERVER_PID=""
DRIVER_PID=""
WD=""
SESSION=""
cleanup() {
  local rc=$?
  # Closing the WebDriver session ends its Chromium; stopping chromedriver alone may not.
  [[ -z "$SESSION" ]] || curl -sf -X DELETE "$WD/session/$SESSION" >/dev/null || true
  stop_process "$DRIVER_PID"
  stop_process "$SERVER_PID"
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

DATA="$WORK/county"
county() { "$COUNTY" "$1" --data "$DATA" "${@:2}" >>"$WORK/setup.log"; }
county init --name "演示县"
cat >"$WORK/county.csv" <<'CSV'
external_id,kind,town,village,grid,name,address,phone,members,tags
H-001,household,T01:城关镇,V01:东门社区,G01,王芳,东门路1号,13800000001,3,coal_heating
H-002,household,T01:城关镇,V01:东门社区,G01,李伟,东门路2号,,1,elderly_alone
H-003,household,T01:城关镇,V01:东门社区,G02,赵敏,东门路3号,,4,
P-001,premises,T01:城关镇,V02:西关村,G01,便民超市,西关街5号,,0,bottled_gas
H-101,household,T02:白水镇,V01:河村,G01,陈杰,河边路8号,,2,ebike
H-102,household,T02:白水镇,V01:河村,G01,孙丽,河边路9号,,5,
CSV
county import-subjects "$WORK/county.csv"
county add-staff --id county-li --name 李县 --role county --scope county
PASSWORD="screenshot-$RANDOM-$RANDOM"
printf '%s\n' "$PASSWORD" | "$COUNTY" set-password --data "$DATA" --id county-li >>"$WORK/setup.log"
for f in "$ROOT"/checklists/*.json; do county publish-template "$f"; done
county campaign create --id winter --title "冬季安全敲门行动" \
  --template household_winter,nine_small_premises_fire --scope county \
  --due "$(date -u -d '+30 days' +%Y-%m-%d)"
county add-worker --id gw-wang --name 王网格 --role grid_worker --scope town:T01
start_county_server "$COUNTY" "$DATA" "$WORK"
URL="http://$SERVER_ADDR"

DRIVER_PORT=$((20000 + RANDOM % 20000))
chromedriver --port="$DRIVER_PORT" >"$WORK/chromedriver.log" 2>&1 &
DRIVER_PID=$!
WD="http://127.0.0.1:$DRIVER_PORT"
for _ in $(seq 100); do curl -sf "$WD/status" >/dev/null && break; sleep 0.1; done

# wd METHOD PATH [JSON]: one WebDriver call; prints the answer.
wd() { curl -sf -X "$1" -H 'Content-Type: application/json' "$WD$2" ${3:+-d "$3"}; }
SESSION="$(wd POST /session '{"capabilities":{"alwaysMatch":{"browserName":"chrome",
  "goog:chromeOptions":{"binary":"/usr/bin/chromium","args":["--headless=new","--no-sandbox",
  "--disable-gpu","--lang=zh-CN","--hide-scrollbars"]}}}}' |
  grep -o '"sessionId":"[^"]*"' | cut -d'"' -f4)" ||
  fail "chromedriver did not start Chromium: $(cat "$WORK/chromedriver.log")"
S="/session/$SESSION"
element() {
  wd POST "$S/element" "{\"using\":\"css selector\",\"value\":\"$1\"}" |
    grep -o '"element-6066-11e4-a52e-4f735466cecf":"[^"]*"' | cut -d'"' -f4
}
# The day's photos as real JPEGs, so the pages show pictures: make-day's stand-ins are JPEG-shaped
# noise that no browser draws. Each is a scene the browser renders and captures as JPEG (DevTools
# Page.captureScreenshot through chromedriver).
real_photos() {
  local file n=0
  wd POST "$S/window/rect" '{"width":640,"height":480}' >/dev/null
  for file in "$WORK/day"/photos/*.jpg; do
    [[ -e "$file" ]] || continue
    n=$((n + 1))
    wd POST "$S/url" "{\"url\":\"data:text/html;charset=utf-8,<body style='margin:0;height:100vh;display:flex;align-items:flex-end;justify-content:center;background:linear-gradient(hsl($((n * 47 % 360)),35%,62%),hsl($((n * 47 % 360)),30%,28%));font:36px WenQuanYi Micro Hei,sans-serif;color:white'><p>现场照片 $n</p></body>\"}" >/dev/null
    wd POST "$S/goog/cdp/execute" \
      '{"cmd":"Page.captureScreenshot","params":{"format":"jpeg","quality":70}}' |
      sed 's/.*"data":"\([^"]*\)".*/\1/' | base64 -d >"$file"
  done
}

# A grid worker's day, so the pages show visits, coverage and hazards, not empty tables: the demo's
# own tools record it on a real device profile and sync it.
CLI="$BUILD/cli/qiaomen"
export QIAOMEN_PIN=2468
dev() { "$CLI" --data "$WORK/device" "$@" >>"$WORK/setup.log"; }
dev enroll --server "$URL" --code "$("$COUNTY" enroll-code --data "$DATA" --worker gw-wang)"
dev sync
"$CLI" --data "$WORK/device" tasks --json >"$WORK/tasks.json"
"$BUILD/demo/qiaomen-demo-day" --tasks "$WORK/tasks.json" --checklists "$ROOT/checklists" \
  --out "$WORK/day" --count 4 --seed 3 --end-ms $(( $(date +%s) * 1000 - 600000 )) \
  --minutes 14 >>"$WORK/setup.log"
real_photos
dev visit record --json "$WORK/day"/visit-*.json
dev sync

# A conflict and a refusal, so 冲突 and 拒收 are not empty: a second phone in the town edits the
# same household's phone offline as the first (the later edit wins, the other waits for review);
# then it edits another household while its worker is moved to the other town, so the county
# refuses that edit as out of scope.
county add-worker --id gw-li --name 李网格 --role grid_worker --scope town:T01
dev2() { "$CLI" --data "$WORK/device2" "$@" >>"$WORK/setup.log"; }
dev2 enroll --server "$URL" --code "$("$COUNTY" enroll-code --data "$DATA" --worker gw-li)"
dev2 sync
dev subject update H-002 --phone 13900000001
dev2 subject update H-002 --phone 13900000002
dev sync
dev2 sync
dev2 subject update H-003 --phone 13900000003
county add-worker --id gw-li --name 李网格 --role grid_worker --scope town:T02
dev2 sync || true

# shot NAME: the current page at 1366x768 and 390x844 into OUT/console-NAME*.png.
shot() {
  local size width height suffix
  for size in 1366x768: 390x844:-phone; do
    width="${size%%x*}"; height="${size#*x}"; height="${height%%:*}"; suffix="${size#*:}"
    wd POST "$S/window/rect" "{\"width\":$width,\"height\":$height}" >/dev/null
    wd GET "$S/screenshot" | sed 's/.*"value":"\([^"]*\)".*/\1/' | base64 -d \
      >"$OUT/console-$1$suffix.png"
  done
}

mkdir -p "$OUT"
wd POST "$S/url" "{\"url\":\"$URL/console/login\"}" >/dev/null
shot login
wd POST "$S/element/$(element 'input[name=id]')/value" '{"text":"county-li"}' >/dev/null
wd POST "$S/element/$(element 'input[name=password]')/value" "{\"text\":\"$PASSWORD\"}" >/dev/null
wd POST "$S/element/$(element 'button[type=submit]')/click" '{}' >/dev/null
if ! wd GET "$S/url" | grep -q '/console/"'; then
  shot login-failed
  fail "signing in did not open the day (see $OUT/console-login-failed.png): $(tail -n 5 "$WORK/server.log")"
fi
shot today
# The day as printed (the A4 print stylesheet), at A4's width in CSS pixels.
wd POST "$S/goog/cdp/execute" '{"cmd":"Emulation.setEmulatedMedia","params":{"media":"print"}}' \
  >/dev/null
wd POST "$S/window/rect" '{"width":794,"height":1123}' >/dev/null
wd GET "$S/screenshot" | sed 's/.*"value":"\([^"]*\)".*/\1/' | base64 -d >"$OUT/console-today-print.png"
wd POST "$S/goog/cdp/execute" '{"cmd":"Emulation.setEmulatedMedia","params":{"media":""}}' >/dev/null
wd POST "$S/url" "{\"url\":\"$URL/console/hazards\"}" >/dev/null
shot hazards
# open_first SELECTOR NAME: follows the first link SELECTOR finds, saves the page, then its photos.
open_first() {
  local link
  link="$(wd POST "$S/execute/sync" \
    "{\"script\":\"var a = document.querySelector(arguments[0]); return a ? a.href : '';\",\"args\":[\"$1\"]}" |
    sed 's/.*"value":"\([^"]*\)".*/\1/')"
  [[ -n "$link" ]] || fail "no link $1 on $(wd GET "$S/url")"
  wd POST "$S/url" "{\"url\":\"$link\"}" >/dev/null
  shot "$2"
  wd POST "$S/url" "{\"url\":\"$link#photos\"}" >/dev/null
  shot "$2-photos"
}
open_first 'tr[data-hazard] a' hazard
HAZARD_URL="$(wd GET "$S/url" | sed 's/.*"value":"\([^"#]*\).*/\1/')"
wd POST "$S/url" "{\"url\":\"$HAZARD_URL#step-form\"}" >/dev/null
shot hazard-steps
wd POST "$S/url" "{\"url\":\"$URL/console/visits\"}" >/dev/null
shot visits
open_first 'tr[data-visit] a' visit
wd POST "$S/url" "{\"url\":\"$URL/console/visits?from=2026/13/40\"}" >/dev/null
shot visits-bad-date
wd POST "$S/url" "{\"url\":\"$URL/console/conflicts\"}" >/dev/null
shot conflicts
wd POST "$S/url" "{\"url\":\"$URL/console/refusals\"}" >/dev/null
shot refusals
wd POST "$S/url" "{\"url\":\"$URL/console/people\"}" >/dev/null
shot people
wd POST "$S/element/$(element 'form[action$=code] button')/click" '{}' >/dev/null
shot enrol-code
wd POST "$S/url" "{\"url\":\"$URL/console/import\"}" >/dev/null
shot import
# The import's problems (line 3: a village id with a space, members in words), then a preview.
import_text() {
  wd POST "$S/element/$(element 'textarea[name=csv]')/value" "{\"text\":\"$1\"}" >/dev/null
  wd POST "$S/element/$(element 'form.import button')/click" '{}' >/dev/null
}
HEADER='external_id,kind,town,village,grid,name,address,phone,members,tags\n'
import_text "${HEADER}H-004,household,T01:城关镇,V01:东门社区,G02,周一,东门路4号,,2,\\nH-005,household,T01:城关镇,V 01,G02,吴二,东门路5号,,many,\\n"
shot import-problems
wd POST "$S/url" "{\"url\":\"$URL/console/import\"}" >/dev/null
import_text "${HEADER}H-004,household,T01:城关镇,V01:东门社区,G02,周一,东门路4号,,2,\\nH-005,household,T01:城关镇,V03:南关村,G01,吴二,南关路5号,,3,\\n"
shot import-preview
# The same pages in English: ?lang=en sets the page language (a cookie) for those after it.
wd POST "$S/url" "{\"url\":\"$URL/console/?lang=en\"}" >/dev/null
shot today-en
for page in hazards visits conflicts refusals people import; do
  wd POST "$S/url" "{\"url\":\"$URL/console/$page\"}" >/dev/null
  shot "$page-en"
done
wd POST "$S/url" "{\"url\":\"$HAZARD_URL\"}" >/dev/null
shot hazard-en
wd POST "$S/url" "{\"url\":\"$URL/console/visits\"}" >/dev/null
open_first 'tr[data-visit] a' visit-en
wd POST "$S/url" "{\"url\":\"$URL/console/import\"}" >/dev/null
import_text "${HEADER}H-004,household,T01:城关镇,V01:东门社区,G02,周一,东门路4号,,2,\\nH-005,household,T01:城关镇,V 01,G02,吴二,东门路5号,,many,\\n"
shot import-problems-en
wd POST "$S/url" "{\"url\":\"$URL/console/login?lang=zh\"}" >/dev/null
say "saved $(cd "$OUT" && ls console-*.png | tr '\n' ' ')"
