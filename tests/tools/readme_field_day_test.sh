#!/usr/bin/env bash
# Runs the README's "A field day by hand" section as written: its ```sh blocks, in order, in one
# shell from the top of the tree, with B set to the build under test. Fails when a line fails,
# and checks that the section did what it says (a visit, a hazard rectified, a conflict, the
# server stopped, the folder removed).
#   tests/tools/readme_field_day_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
SOURCE="${1:?usage: readme_field_day_test.sh SOURCE_DIR BUILD_DIR}"
BUILD="$(cd "${2:?usage: readme_field_day_test.sh SOURCE_DIR BUILD_DIR}" && pwd)"

script="$(mktemp /tmp/qiaomen-readme-XXXXXX.sh)"
log="$(mktemp /tmp/qiaomen-readme-XXXXXX.log)"
trap 'rm -f "$script" "$log"' EXIT
# The section runs from its heading to the next "## "; only its sh blocks are code.
awk '
  /^## / { in_section = ($0 == "## A field day by hand") }
  in_section && /^```sh$/ { in_code = 1; next }
  in_section && /^```$/ { in_code = 0; next }
  in_section && in_code { print }
' "$SOURCE/README.md" >"$script"
[[ -s "$script" ]] || { echo "README.md has no sh blocks under '## A field day by hand'"; exit 1; }

# If a line fails, the server the section started is stopped before this test ends.
cd "$SOURCE"
set +e
B="$BUILD" bash -c '
  set -euo pipefail
  finish() {
    if [[ -n "${SERVER:-}" ]]; then kill "$SERVER" 2>/dev/null || true; fi
    echo "W=${W:-}"
  }
  trap finish EXIT
  source "$0"
  echo "SERVER_STOPPED=$SERVER"' "$script" >"$log" 2>&1
rc=$?
set -e
cat "$log"
[[ $rc == 0 ]] || { echo "the README's field day failed (exit $rc)"; exit 1; }

expect() {
  grep -qF -- "$1" "$log" || { echo "the field day's output lacks: $1"; exit 1; }
}
expect "已记录对 H00001 的走访"       # the visit
expect "09:32"                      # shown in county time
expect "限期整改 → 已整改"              # the hazard rectified
expect "隐患现为已销号"                  # reinspected and closed at the county
expect "保留"                        # the conflict the county logged
pid="$(sed -n 's/^SERVER_STOPPED=//p' "$log")"
[[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null || { echo "the server $pid still runs"; exit 1; }
dir="$(sed -n 's/^W=//p' "$log" | tail -1)"
[[ -n "$dir" && ! -e "$dir" ]] || { echo "the folder $dir was not removed"; exit 1; }
echo "README field day: ok"
