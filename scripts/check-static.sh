#!/usr/bin/env bash
# check-static.sh: check a timelinebot binary built by build-static.sh.
#
# Usage: scripts/check-static.sh --static-only BINARY
#        scripts/check-static.sh BINARY VERSION
#
# It checks that BINARY is static:
#   - `go version -m` records CGO_ENABLED=0;
#   - the ELF has no program interpreter (no INTERP segment) and no dynamic
#     section, by readelf (binutils), else by file(1); with neither it fails.
# Then, unless --static-only, that it runs on its own (from an empty
# directory, so no .env is read, and without TIMELINE_FILE):
#   - `BINARY version` prints VERSION, the one it was built with, on one
#     line (given here, or as the VERSION variable: -trimpath keeps
#     -ldflags, and so the stamp, out of `go version -m`);
#   - `BINARY ask "what is this timeline about?"` exits 0 and prints
#     something, from the timeline embedded in the binary.
# build-static.sh runs the static checks; CI runs all of them. The run
# checks need a binary for this machine (no GOOS/GOARCH cross build).
set -euo pipefail
export LC_ALL=C # readelf and file messages, matched below, in English

static_only=0
if [ "${1:-}" = "--static-only" ]; then
	static_only=1
	shift
fi
if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
	echo "usage: check-static.sh --static-only BINARY | check-static.sh BINARY VERSION" >&2
	exit 2
fi
bin="$1"
want="${2:-${VERSION:-}}"
case "$bin" in
/*) ;;
*) bin="$PWD/$bin" ;;
esac

fail() {
	echo "check-static.sh: FAIL: $*" >&2
	exit 1
}
ok() { echo "check-static.sh: ok: $*"; }

[ -f "$bin" ] || fail "$bin does not exist"

# 1. The Go build info says cgo was off.
if ! command -v go >/dev/null 2>&1; then
	fail "go is not on PATH; it is needed for 'go version -m'"
fi
info="$(go version -m "$bin")" || fail "go version -m $bin: not a Go binary?"
grep -Eq '^[[:space:]]*build[[:space:]]+CGO_ENABLED=0$' <<<"$info" ||
	fail "go version -m $bin does not show CGO_ENABLED=0"
ok "go version -m: CGO_ENABLED=0"

# 2. The ELF asks for no dynamic loader and links no shared library.
if command -v readelf >/dev/null 2>&1; then
	headers="$(readelf -lW "$bin" 2>&1)" || fail "readelf -l $bin: not an ELF file? $headers"
	if grep -Eq '^[[:space:]]*INTERP[[:space:]]' <<<"$headers"; then
		fail "readelf -l: $bin has a program interpreter: $(grep -m1 'interpreter' <<<"$headers")"
	fi
	ok "readelf -l: no INTERP segment (no program interpreter)"
	dynamic="$(readelf -dW "$bin" 2>&1)" || fail "readelf -d $bin: $dynamic"
	if ! grep -q 'There is no dynamic section in this file' <<<"$dynamic"; then
		fail "readelf -d: $bin has a dynamic section: $(grep -m3 NEEDED <<<"$dynamic" | tr -s ' ')"
	fi
	ok "readelf -d: no dynamic section"
elif command -v file >/dev/null 2>&1; then
	desc="$(file -b "$bin")"
	case "$desc" in
	ELF*) ;;
	*) fail "file: $bin is not an ELF file: $desc" ;;
	esac
	case "$desc" in
	*"dynamically linked"* | *interpreter*) fail "file: $bin is not static: $desc" ;;
	*"statically linked"*) ok "file: statically linked (readelf not found; install binutils for the stricter check)" ;;
	*) fail "file: cannot tell whether $bin is static: $desc" ;;
	esac
else
	fail "neither readelf (Debian: apt-get install binutils) nor file is installed; cannot check that $bin is static"
fi

[ "$static_only" -eq 1 ] && exit 0

# 3. It runs alone. An empty directory, so that a .env where this script
# runs is not read, and no TIMELINE_FILE, so that the embedded timeline is
# the one asked.
[ -n "$want" ] || fail "give the VERSION $bin was built with, to check that 'version' prints it"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
limit=()
command -v timeout >/dev/null 2>&1 && limit=(timeout 60)
runbin() { (cd "$tmp" && env -u TIMELINE_FILE -u TIMELINE_WATCH "${limit[@]}" "$bin" "$@"); }

got="$(runbin version 2>"$tmp/stderr")" || fail "$bin version exited $?: $(cat "$tmp/stderr")"
[ "$got" = "$want" ] || fail "$bin version printed '$got', want '$want'"
ok "$bin version: $got"

question="what is this timeline about?"
code=0
answer="$(runbin ask "$question" 2>"$tmp/stderr")" || code=$?
[ "$code" -eq 0 ] || fail "$bin ask \"$question\" exited $code: $(cat "$tmp/stderr")"
[ -n "$(tr -d '[:space:]' <<<"$answer")" ] || fail "$bin ask \"$question\" printed nothing"
ok "$bin ask \"$question\": exit 0, $(wc -l <<<"$answer" | tr -d ' ') line(s), first: $(head -n1 <<<"$answer" | cut -c1-100)"
