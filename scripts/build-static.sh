#!/usr/bin/env bash
# build-static.sh: build timelinebot as a static, version-stamped binary, and
# check that it is static (see check-static.sh, which holds the checks).
#
# Usage: scripts/build-static.sh [-o OUT] [-v VERSION]
#
#   OUT      where to write the binary (default: ./bin/timelinebot, under the
#            repository root). A relative path is relative to the current
#            directory.
#   VERSION  stamped into main.version, printed by `timelinebot version`
#            (default: `git describe --tags --always --dirty`, else "dev" when
#            git or .git is missing, as in a Docker build context).
#
# Both may also be given as environment variables: OUT=... VERSION=...; a
# flag wins over the variable. GOOS and GOARCH pass through to go build.
#
# The build is CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X
# main.version=$VERSION": no libc, so the binary runs on distroless/static
# or scratch, and -trimpath keeps the builder's paths out of it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

usage() { sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; }

out="${OUT:-}"
ver="${VERSION:-}"
while getopts ":o:v:h" opt; do
	case "$opt" in
	o) out="$OPTARG" ;;
	v) ver="$OPTARG" ;;
	h) usage; exit 0 ;;
	:) echo "build-static.sh: -$OPTARG needs a value" >&2; exit 2 ;;
	*) echo "build-static.sh: unknown flag -$OPTARG (see -h)" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ "$#" -ne 0 ]; then
	echo "build-static.sh: unexpected argument: $1 (see -h)" >&2
	exit 2
fi

# Resolve OUT against the caller's directory, before moving to the root.
out="${out:-$root/bin/timelinebot}"
case "$out" in
/*) ;;
*) out="$PWD/$out" ;;
esac

cd "$root"
if [ -z "$ver" ]; then
	ver="$(git describe --tags --always --dirty 2>/dev/null || true)"
	ver="${ver:-dev}"
fi
# The version goes inside -ldflags, which splits on spaces and quotes.
if ! [[ "$ver" =~ ^[A-Za-z0-9][A-Za-z0-9._+~-]*$ ]]; then
	echo "build-static.sh: VERSION '$ver' must be letters, digits and . _ + ~ - only" >&2
	exit 2
fi

mkdir -p "$(dirname "$out")"
echo "build-static.sh: building ./cmd/timelinebot version $ver into $out"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$ver" -o "$out" ./cmd/timelinebot

bash "$here/check-static.sh" --static-only "$out"
