#!/usr/bin/env bash
# The field day, end to end, on the embedded default (SQLite), nothing to configure:
#   a county server in a temporary directory, a generated county, the shipped checklists, the
#   winter campaign, three enrolled devices (two grid workers, one inspector) that pull, lose the
#   connection, record a day offline (visits, nobody-home, hazards, photos, two edits of one
#   household), get a slow link back that breaks once more mid-upload, sync with progress, and the
#   county's day's-end report.
#
#   demo/run_demo.sh BUILD_DIR        (./run demo calls it with build/release)
#
# Environment: QIAOMEN_DEMO_SHORT=1 a shorter day (the end-to-end test); QIAOMEN_DEMO_OUT=DIR
# keeps the figures (device-side sums and the server's report as JSON) in DIR; QIAOMEN_DEMO_KEEP=1
# keeps the temporary directory and, on a terminal, the server running until Enter so that the
# console (address and a county login printed in step 7) shows the day. Leaves no process running: everything it starts is stopped on
# exit, error or Ctrl-C.
set -euo pipefail

BUILD="${1:?usage: run_demo.sh BUILD_DIR}"
BUILD="$(cd "$BUILD" && pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHORT="${QIAOMEN_DEMO_SHORT:-0}"
OUT="${QIAOMEN_DEMO_OUT:-}"

COUNTY="$BUILD/server/qiaomen-county"
CLI="$BUILD/cli/qiaomen"
MAKE_COUNTY="$BUILD/demo/qiaomen-demo-county"
MAKE_DAY="$BUILD/demo/qiaomen-demo-day"
LINK="$BUILD/tests/qiaomen-link-simulator"

bold() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say() { printf '   %s\n' "$*"; }
fail() { printf '\n[demo] FAILED: %s\n' "$*" >&2; exit 1; }

missing=()
for bin in "$COUNTY" "$CLI" "$MAKE_COUNTY" "$MAKE_DAY" "$LINK"; do
  [[ -x "$bin" ]] || missing+=("${bin#"$BUILD"/}")
done
if (( ${#missing[@]} > 0 )); then
  fail "these programs are not built: ${missing[*]}. Nothing was run."
fi
ls "$ROOT"/checklists/*.json >/dev/null 2>&1 || fail "there are no shipped checklists in checklists/."
"$CLI" help >/dev/null 2>&1 || fail "$("$CLI" help 2>&1 | head -3)"
COUNTY_HELP="$("$COUNTY" help 2>/dev/null || true)"
for sub in serve import-subjects publish-template campaign add-worker enroll-code report conflicts; do
  grep -q "^  $sub " <<<"$COUNTY_HELP" ||
    fail "the county server in this build has no '$sub' command yet. Nothing was run."
done

# shellcheck source=demo/lib.sh
source "$ROOT/demo/lib.sh"
WORK="$(make_work_dir demo)"
SERVER_PID=""
LINK_PID=""
cleanup() {
  local rc=$?
  stop_process "$LINK_PID"
  stop_process "$SERVER_PID"
  if [[ "${QIAOMEN_DEMO_KEEP:-0}" == 1 ]]; then
    echo "[demo] kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

START_S=$(date +%s)
DATA="$WORK/county"
county() { "$COUNTY" "$1" --data "$DATA" "${@:2}"; }
export QIAOMEN_PIN=2468
# Each device is one profile directory; its keystore sits beside it.
dev() { local d="$1"; shift; "$CLI" --data "$WORK/devices/$d" "$@"; }
json_num() { sed -n "s/.*\"$2\":\([0-9-]*\).*/\1/p;T;q" <<<"$1"; }

bold "1. 县服务器（SQLite，目录 $WORK）"
county init --name "演示县 Demo County" | sed 's/^/   /'
"$MAKE_COUNTY" --out "$WORK/county.csv" | sed 's/^/   /'
county import-subjects "$WORK/county.csv" | sed 's/^/   /'
for f in "$ROOT"/checklists/*.json; do county publish-template "$f" | sed 's/^/   /'; done
TEMPLATES="$(for f in "$ROOT"/checklists/*.json; do basename "$f" .json; done | paste -sd, -)"
DUE="$(date -u -d '+30 days' +%Y-%m-%d)"
county campaign create --id winter-2026 --title "冬季安全敲门行动 Winter knock-on-the-door" \
  --template household_winter,nine_small_premises_fire,village_emergency_shelter \
  --scope county --due "$DUE" | sed 's/^/   /'
county add-worker --id gw-wang --name "王网格 Wang" --role grid_worker \
  --scope grids:T01-V01-G01,T01-V01-G02 | sed 's/^/   /'
county add-worker --id gw-li --name "李网格 Li" --role grid_worker \
  --scope grids:T02-V01-G01,T02-V01-G02 | sed 's/^/   /'
county add-worker --id insp-zhao --name "赵检查 Zhao (inspector)" --role inspector \
  --scope town:T01 | sed 's/^/   /'

# Started directly (not through the county function) so that SERVER_PID is the server itself.
start_county_server "$COUNTY" "$DATA" "$WORK"
say "服务地址 http://$SERVER_ADDR"

# The devices talk to the server through the link simulator.
echo "up" > "$WORK/link.ctl"
"$LINK" --target "$SERVER_ADDR" --control "$WORK/link.ctl" --ready-file "$WORK/link.ready" \
  --stats "$WORK/link.stats" >"$WORK/link.log" 2>&1 &
LINK_PID=$!
for _ in $(seq 50); do [[ -s "$WORK/link.ready" ]] && break; sleep 0.1; done
[[ -s "$WORK/link.ready" ]] || fail "the link simulator did not start: $(cat "$WORK/link.log")"
URL="http://$(cat "$WORK/link.ready")"
say "设备经链路模拟器 $URL 连接"

bold "2. 三台设备注册并拉取任务"
mkdir -p "$WORK/devices"
DEVICES=(wang li zhao)
declare -A WORKER=([wang]=gw-wang [li]=gw-li [zhao]=insp-zhao)
for d in "${DEVICES[@]}"; do
  code="$(county enroll-code --worker "${WORKER[$d]}")"
  dev "$d" enroll --server "$URL" --code "$code" | sed 's/^/   /'
done
for d in "${DEVICES[@]}"; do
  printf '   %-5s ' "$d:"; dev "$d" sync
done
for d in "${DEVICES[@]}"; do
  printf '   %-5s ' "$d:"; dev "$d" tasks | tail -1
done

bold "3. 网络中断（链路模拟器切断连接）"
echo "down" > "$WORK/link.ctl"
sleep 0.3
set +e
dev wang sync --retries 0 >"$WORK/offline.out" 2>&1
rc=$?
set -e
[[ $rc == 4 ]] || fail "a sync with no connection should fail with exit code 4, got $rc: $(cat "$WORK/offline.out")"
say "wang 尝试同步：$(tail -1 "$WORK/offline.out" | cut -c1-160)..."

bold "4. 离线的一天"
declare -A COUNTS
if [[ "$SHORT" == 1 ]]; then COUNTS=([wang]=10 [li]=10 [zhao]=4); else COUNTS=([wang]=26 [li]=26 [zhao]=12); fi
END_MS=$(( $(date +%s) * 1000 - 600000 ))
seed=7
total_visits=0; total_hazards=0; total_photos=0; total_checked=0
for d in "${DEVICES[@]}"; do
  dev "$d" tasks --json >"$WORK/$d.tasks.json"
  minutes=14; [[ "$d" == zhao ]] && minutes=30
  # Each device its own seed, counted here: $((seed++)) inside the pipeline below would run in
  # its subshell, every device would get seed 7 and the same photos.
  day_seed=$seed; seed=$((seed + 1))
  "$MAKE_DAY" --tasks "$WORK/$d.tasks.json" --checklists "$ROOT/checklists" --out "$WORK/day-$d" \
    --count "${COUNTS[$d]}" --seed "$day_seed" --end-ms "$END_MS" --minutes "$minutes" | sed 's/^/   /'
  dev "$d" visit record --json "$WORK/day-$d"/visit-*.json >"$WORK/$d.visits.json"
  v=$(grep -o '"file"' "$WORK/$d.visits.json" | wc -l)
  h=$(grep -o '"rule"' "$WORK/$d.visits.json" | wc -l)
  p=$(grep -o '"photos":[0-9]*' "$WORK/$d.visits.json" | cut -d: -f2 | awk "{s+=\$1} END {print s+0}")
  c=$(grep -o '"outcome":"checked"' "$WORK/$d.visits.json" | wc -l)
  say "$d 记录走访 $v 次（已检查 $c，无人在家 $((v - c))）：隐患 $h 项，照片 $p 张，每次走访均已签名"
  total_visits=$((total_visits + v)); total_hazards=$((total_hazards + h))
  total_photos=$((total_photos + p)); total_checked=$((total_checked + c))
done
say "合计：走访 $total_visits 次，隐患 $total_hazards 项，照片 $total_photos 张"
dev wang hazards >"$WORK/wang.hazards.txt"  # whole, not through head: pipefail and SIGPIPE
first_hazard="$(head -1 "$WORK/wang.hazards.txt")"
say "wang 的一项隐患：$first_hazard"

say "两台设备修改同一住户 H00001（电话和人数）："
dev wang subject update H00001 --phone 13911112222 --members 4 | sed 's/^/     wang: /'
sleep 0.05
dev zhao subject update H00001 --phone 13733334444 --note "户主外出务工" | sed 's/^/     zhao: /'

for d in "${DEVICES[@]}"; do
  s="$(dev "$d" status --json)"
  say "$d 待发送 $(json_num "$s" pending_changes) 项更改、$(json_num "$s" pending_photo_bytes) 字节照片"
done

bold "5. 网络恢复但很慢（100 kB/s，150 ms），上传中途再断一次"
pending_wang="$(json_num "$(dev wang status --json)" pending_photo_bytes)"
cut_at=$(( pending_wang / 2 + 20000 ))
echo "up rate=100000 latency=150 cut_after=$cut_at" > "$WORK/link.ctl"
sleep 0.3
read -r up0 _ < "$WORK/link.stats"
payload=0; pushed=0; photos_sent=0
for d in "${DEVICES[@]}"; do
  say "$d 同步："
  dev "$d" sync --progress --retries 8 | tee "$WORK/$d.sync.out" | sed 's/^/     /'
done
sleep 0.3
read -r up1 down1 cuts _ < "$WORK/link.stats"
for d in "${DEVICES[@]}"; do
  s="$(dev "$d" status --json)"
  [[ "$(json_num "$s" pending_changes)" == 0 ]] || fail "$d still has pending changes after the sync"
done
# A second pull so each device also has the others' edits and the server's merge.
for d in "${DEVICES[@]}"; do dev "$d" sync >/dev/null; done
say "链路当天被切断 $cuts 次；所有设备现已同步到最新"

bold "6. 县的日终报表"
county report --format text | sed 's/^/   /'
county conflicts | sed 's/^/   /'
# The same picture taken twice is stored (and sent) once: the server keeps photos by hash, so the
# payload is the distinct photos.
photo_list="$(sha256sum "$WORK"/day-*/photos/*.jpg 2>/dev/null | sort -u -k1,1)"
photos_distinct=$(grep -c . <<<"$photo_list" || true)
photo_payload=$(awk '{print $2}' <<<"$photo_list" | xargs -r stat -c %s | awk '{s += $1} END {print s + 0}')
wire=$((up1 - up0))
say "同步时经链路发送 $wire 字节，其中 $photos_distinct 张不同照片共 $photo_payload 字节，其余为走访数据"
say "（比值 $(awk -v w="$wire" -v p="$photo_payload" "BEGIN {printf \"%.3f\", w / p}")，含元数据和断线后重发的部分）"

bold "7. 乡镇和县里的网页控制台"
# A county account with a password made for this run (never a fixed one, never on a command line).
county add-staff --id county-admin --name "县应急管理局 County office" --role county --scope county \
  >>"$WORK/setup.log"
PASSWORD="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)"
printf '%s\n' "$PASSWORD" | county set-password --id county-admin >>"$WORK/setup.log"
# Plain bash over TCP: a fresh machine need not have curl.
login_page="$(exec 3<>"/dev/tcp/${SERVER_ADDR%:*}/${SERVER_ADDR##*:}" &&
  printf 'GET /console/login HTTP/1.0\r\nHost: %s\r\n\r\n' "$SERVER_ADDR" >&3 && cat <&3 || true)"
grep -q '<form' <<<"$login_page" || fail "the console's sign-in page did not answer at http://$SERVER_ADDR/console/login"
say "控制台：http://$SERVER_ADDR/console/  账号 county-admin  密码 $PASSWORD"

if [[ -n "$OUT" ]]; then
  mkdir -p "$OUT"
  county report --format json >"$OUT/report.json"
  county conflicts --format json >"$OUT/conflicts.json"
  cat >"$OUT/devices.json" <<JSON
{"visits":$total_visits,"checked":$total_checked,"hazards":$total_hazards,"photos":$total_photos,"photos_distinct":$photos_distinct,"cuts":$cuts,"wire_bytes":$wire,"photo_payload":$photo_payload}
JSON
  for d in "${DEVICES[@]}"; do cp "$WORK/$d.visits.json" "$OUT/"; done
fi
bold "完成，用时 $(( $(date +%s) - START_S )) 秒。"
if [[ "${QIAOMEN_DEMO_KEEP:-0}" == 1 && -t 0 ]]; then
  say "QIAOMEN_DEMO_KEEP=1：服务器继续运行，可在浏览器中打开上面的控制台查看这一天；按回车或 Ctrl-C 结束。"
  read -r _ || true
elif [[ "${QIAOMEN_DEMO_KEEP:-0}" == 1 ]]; then
  say "QIAOMEN_DEMO_KEEP=1：数据保留在 $DATA；再次打开控制台：$COUNTY serve --data $DATA --listen 127.0.0.1:8080"
fi
