#!/bin/sh
# profile-scan.sh - profile the in-process scanner with callgrind.
#
# Usage: scripts/profile-scan.sh [BUILD_DIR] [CORPUS_DIR] [N]
#   BUILD_DIR   a meson build (default: build); a release build
#               (--buildtype=release) gives the numbers that matter.
#   CORPUS_DIR  a directory of .eml files, scanned recursively
#               (default: ~/.cache/rspamc-corpus)
#   N           how many messages to take (default 200), spread over the
#               corpus subdirectories; they are linked into a temp dir.
#
# Prints instructions per message (Ir of the whole run divided by N, so
# start-up is included, amortised) and the top functions, inclusive and
# exclusive. callgrind counts instructions, so the numbers are
# deterministic and comparable on a loaded machine, unlike wall time.
# No Bayes store is used (XDG_DATA_HOME points at an empty directory).
set -eu

build=${1:-build}
corpus=${2:-$HOME/.cache/rspamc-corpus}
n=${3:-200}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/msgs" "$tmp/xdg"

# Take the first messages of each subdirectory, in name order.
dirs=$(find "$corpus" -type f -name '*.eml' -exec dirname {} \; | sort -u)
ndirs=$(printf '%s\n' "$dirs" | wc -l)
per=$(( (n + ndirs - 1) / ndirs ))
i=0
for d in $dirs; do
	for f in $(ls "$d" | grep '\.eml$' | head -n "$per"); do
		[ "$i" -lt "$n" ] || break
		cp "$d/$f" "$tmp/msgs/$(basename "$d")-$f"
		i=$((i + 1))
	done
done

XDG_DATA_HOME="$tmp/xdg" valgrind --tool=callgrind \
	--callgrind-out-file="$tmp/cg.out" \
	"$build/rspamc/rspamc" --local --now 1700474400 -n 1 "$tmp/msgs" \
	>/dev/null 2>"$tmp/vg.log"

total=$(callgrind_annotate "$tmp/cg.out" 2>/dev/null |
	awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
echo "messages: $i"
echo "instructions: $total"
echo "instructions/message: $((total / i))"
echo
echo "== inclusive =="
callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null |
	sed -n '/^Ir/,$p' | head -n 40
echo
echo "== exclusive =="
callgrind_annotate "$tmp/cg.out" 2>/dev/null |
	sed -n '/^Ir/,$p' | head -n 40
if [ -n "${KEEP:-}" ]; then
	cp "$tmp/cg.out" "$KEEP"
	echo "callgrind output kept in $KEEP"
fi
