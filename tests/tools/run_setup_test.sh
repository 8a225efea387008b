#!/usr/bin/env bash
# Tests ./run setup's bookworm-backports entry: it is derived from the machine's own Debian sources
# (deb822 and one-line), never a mirror named in the script. Works on sample trees in a temp dir;
# the machine's /etc/apt is not read or touched.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../run
source "$ROOT/run"

failures=0
expect_eq() {  # NAME EXPECTED ACTUAL
  if [[ "$2" != "$3" ]]; then
    printf 'FAIL %s\n--- expected\n%s\n--- actual\n%s\n' "$1" "$2" "$3" >&2
    failures=$((failures + 1))
  else
    printf 'ok   %s\n' "$1"
  fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
web=http  # built here so that no mirror address is spelled out in the tree

# deb822: the bookworm stanza's URIs (two mirrors) are used; security, disabled and other-suite
# stanzas are not; a commented URIs line is ignored.
mkdir -p "$tmp/a/sources.list.d"
cat > "$tmp/a/sources.list.d/debian.sources" <<SOURCES
Types: deb
# URIs: ${web}://old.invalid/debian
URIs: ${web}://mirror-one.invalid/debian ${web}s://mirror-two.invalid/pub/debian/
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${web}://mirror-one.invalid/debian-security
Suites: bookworm-security
Components: main

Types: deb
URIs: ${web}://disabled.invalid/debian
Suites: bookworm
Enabled: no

Types: deb-src
URIs: ${web}://sources-only.invalid/debian
Suites: bookworm
SOURCES
expect_eq "deb822 URIs of the bookworm stanza" \
  "${web}://mirror-one.invalid/debian
${web}s://mirror-two.invalid/pub/debian/" "$(debian_bookworm_uris "$tmp/a")"
expect_eq "the written entry" "Types: deb
URIs: ${web}://mirror-one.invalid/debian ${web}s://mirror-two.invalid/pub/debian/
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" "$(backports_sources "$tmp/a")"

# One-line sources.list, with options and comments; duplicates across files are listed once.
mkdir -p "$tmp/b/sources.list.d"
cat > "$tmp/b/sources.list" <<LIST
# deb ${web}://commented.invalid/debian bookworm main
deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${web}://mirror-three.invalid/debian bookworm main contrib
deb ${web}://mirror-three.invalid/debian-security bookworm-security main
deb-src ${web}://mirror-three.invalid/debian bookworm main
deb file:/srv/local-mirror/debian bookworm main # a local copy
LIST
cat > "$tmp/b/sources.list.d/extra.list" <<LIST
deb ${web}://mirror-three.invalid/debian bookworm main
LIST
expect_eq "one-line entries" "${web}://mirror-three.invalid/debian
file:/srv/local-mirror/debian" "$(debian_bookworm_uris "$tmp/b")"

# No bookworm source at all: nothing to derive from, and backports_sources fails.
mkdir -p "$tmp/c/sources.list.d"
printf 'deb %s://x.invalid/debian trixie main\n' "$web" > "$tmp/c/sources.list"
expect_eq "no bookworm source" "" "$(debian_bookworm_uris "$tmp/c")"
if (backports_sources "$tmp/c" >/dev/null); then
  echo "FAIL backports_sources succeeded without a bookworm source" >&2
  failures=$((failures + 1))
else
  echo "ok   backports_sources fails without a bookworm source"
fi
expect_eq "missing apt root" "" "$(debian_bookworm_uris "$tmp/none")"

[[ "$failures" == 0 ]] || { echo "$failures failure(s)" >&2; exit 1; }
echo "all passed"
