#!/usr/bin/env bash
# scripts/agreement.sh: how often the in-process scanner agrees with the
# real rspamd 3.4, per symbol, on a set of messages.
#
# Usage: scripts/agreement.sh [options] [DIR|FILE...]
#   (default: the SpamAssassin corpus from scripts/fetch-corpus.sh, and
#   tests/fixtures)
# Options:
#   --ours "CMD"     our scanner (default: "$BUILD_DIR/rspamc/rspamc --local",
#                    BUILD_DIR defaults to ./build)
#   --stub           compare the real rspamd with itself (tests this script)
#   --symbols FILE   more symbols we implement, one a line (# comments)
#   --details FILE   write every disagreement there (file, both options)
#   --keep DIR       keep the raw JSON results of both sides in DIR
#   -n N             parallel requests to rspamd (default 8)
#   --workers N      rspamd normal workers (default: number of CPUs)
#   --title TEXT     heading of the report
#
# Prints a markdown report on stdout (agreement per implemented symbol,
# the symbols rspamd emits that we do not, action agreement, mean score
# difference).  Only *.eml files are scanned in the directories.
#
# Side (a) is the real /usr/bin/rspamc -j (--compact) against a loopback
# rspamd started with the suite's helpers (scripts/lib-server.sh), its
# config being tests/rspamd/ with tests/rspamd-corpus/ copied over it: the
# modules the reference run of local-symbols.md disabled are off (except
# dkim and arc, kept for R_DKIM_NA/ARC_NA: tests/rspamd-corpus/README.md).
# Side (b) is our rspamc --local --compact, one process per batch of 500,
# with --now set to the moment the real scan of the same batch started
# (when our binary has --now).
#
# Sourcing this file (bench-scan.sh does) only defines agree_start_rspamd.

AGREE_REPO=${AGREE_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

# agree_start_rspamd TMPDIR [WORKERS]: start the reference rspamd; exports
# RSPAMD_NORMAL etc. (see tests/bats/helpers.bash).  Call stop_rspamd.
agree_start_rspamd() {
	local tmp=$1 workers=${2:-1}
	mkdir -p "$tmp/tests"
	ln -sfn "$AGREE_REPO/tests/bats" "$tmp/tests/bats"
	rm -rf "$tmp/tests/rspamd"
	cp -R "$AGREE_REPO/tests/rspamd" "$tmp/tests/rspamd"
	cp -R "$AGREE_REPO/tests/rspamd-corpus/override.d/." \
		"$tmp/tests/rspamd/override.d/"
	sed -i "/^worker \"normal\"/,/^}/ s/count = [0-9]*;/count = $workers;/" \
		"$tmp/tests/rspamd/rspamd.conf.in"
	export TESTS_DIR="$tmp/tests" BATS_FILE_TMPDIR="$tmp"
	# shellcheck source=lib-server.sh
	source "$AGREE_REPO/scripts/lib-server.sh"
	start_rspamd
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
	return 0
fi

set -euo pipefail

REAL_RSPAMC=${REAL_RSPAMC:-/usr/bin/rspamc}
BUILD_DIR=${BUILD_DIR:-$AGREE_REPO/build}
ours_cmd="$BUILD_DIR/rspamc/rspamc --local"
stub=0 symbols='' details='' keep='' nreq=8 title=''
workers=$(nproc 2>/dev/null || echo 2)
targets=()
orig_args=$(printf "%q " "$@")

while [ $# -gt 0 ]; do
	case $1 in
	--ours) ours_cmd=$2; shift 2 ;;
	--stub) stub=1; shift ;;
	--symbols) symbols=$2; shift 2 ;;
	--details) details=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	-n) nreq=$2; shift 2 ;;
	--workers) workers=$2; shift 2 ;;
	--title) title=$2; shift 2 ;;
	-h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "agreement: unknown option $1" >&2; exit 2 ;;
	*) targets+=("$1"); shift ;;
	esac
done

if [ ${#targets[@]} -eq 0 ]; then
	targets=("$("$AGREE_REPO/scripts/fetch-corpus.sh")" "$AGREE_REPO/tests/fixtures")
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/agreement.XXXXXX")
cleanup() {
	stop_rspamd >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# The messages: every *.eml under the directories, plus files given as is.
list="$tmp/files"
: >"$list"
for t in "${targets[@]}"; do
	if [ -d "$t" ]; then
		find "$(cd "$t" && pwd)" -type f -name '*.eml' ! -name '.*' | sort >>"$list"
	elif [ -f "$t" ]; then
		echo "$(cd "$(dirname "$t")" && pwd)/$(basename "$t")" >>"$list"
	else
		echo "agreement: $t: no such file or directory" >&2
		exit 2
	fi
done
nfiles=$(wc -l <"$list")
[ "$nfiles" -gt 0 ] || { echo "agreement: no messages" >&2; exit 2; }

agree_start_rspamd "$tmp/rspamd" "$workers" >&2

read -r -a ours <<<"$ours_cmd"
if [ "$stub" = 1 ]; then
	ours=("$REAL_RSPAMC" -h "$RSPAMD_NORMAL" -n "$nreq")
	ours_cmd="${ours[*]} (stub: the real rspamd again)"
else
	"${ours[@]}" --help 2>&1 | grep -q -- '--local' || {
		echo "agreement: ${ours[0]} has no --local (build it first)" >&2
		exit 1
	}
	have_now=0
	"${ours[@]}" --help 2>&1 | grep -q -- '--now' && have_now=1
fi

# Batches of 500 files: the real side then ours right away, so a clock
# option (DATE_IN_PAST hours) sees nearly the same "now" on both sides.
split -l 500 -d -a 4 "$list" "$tmp/batch."
: >"$tmp/real.jsonl"
: >"$tmp/ours.jsonl"
start=$SECONDS
for b in "$tmp"/batch.*; do
	now=$(date +%s)
	tr '\n' '\0' <"$b" | xargs -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" \
		-n "$nreq" --compact >>"$tmp/real.jsonl" 2>>"$tmp/real.err" || true
	extra=()
	[ "$stub" = 0 ] && [ "$have_now" = 1 ] && extra=(--now "$now")
	tr '\n' '\0' <"$b" | xargs -0 "${ours[@]}" "${extra[@]}" --compact \
		>>"$tmp/ours.jsonl" 2>>"$tmp/ours.err" || true
	echo "agreement: $(wc -l <"$tmp/real.jsonl")/$nfiles scanned ($((SECONDS - start)) s)" >&2
done

# A crash of our one-process scan loses the rest of its batch: scan the
# messages that have no result one by one, so only the culprits are lost.
python3 - "$list" "$tmp/ours.jsonl" >"$tmp/missing" <<'EOF'
import json, sys
seen = set()
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    try:
        seen.add(json.loads(line).get("filename"))
    except (ValueError, AttributeError):
        pass
for line in open(sys.argv[1], encoding="utf-8"):
    if line.rstrip("\n") not in seen:
        print(line.rstrip("\n"))
EOF
if [ -s "$tmp/missing" ] && [ "$(wc -l <"$tmp/missing")" -lt 1000 ]; then
	echo "agreement: $(wc -l <"$tmp/missing") messages without a result from ours; one by one" >&2
	while read -r f; do
		extra=()
		[ "$stub" = 0 ] && [ "$have_now" = 1 ] && extra=(--now "$(date +%s)")
		rc=0
		timeout 20 "${ours[@]}" "${extra[@]}" --compact "$f" \
			>>"$tmp/ours.jsonl" 2>>"$tmp/ours.err" || rc=$?
		[ "$rc" -le 1 ] || echo "agreement: ours exit $rc on $f" >&2
	done <"$tmp/missing"
fi

if [ -s "$tmp/real.err" ]; then
	echo "agreement: real rspamc stderr (first lines):" >&2
	head -n 5 "$tmp/real.err" >&2
fi
if [ -s "$tmp/ours.err" ]; then
	echo "agreement: our rspamc stderr (first lines):" >&2
	head -n 5 "$tmp/ours.err" >&2
fi

pyargs=(--real "$tmp/real.jsonl" --ours "$tmp/ours.jsonl" --files "$list"
	--command "scripts/agreement.sh $orig_args" --ours-cmd "$ours_cmd")
[ -n "$symbols" ] && pyargs+=(--symbols "$symbols")
[ -n "$details" ] && pyargs+=(--details "$details")
[ -n "$title" ] && pyargs+=(--title "$title")
for t in "${targets[@]}"; do
	pyargs+=(--target "$t")
done
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	cp "$tmp/real.jsonl" "$tmp/ours.jsonl" "$list" "$keep/"
fi
python3 "$AGREE_REPO/scripts/agreement.py" "${pyargs[@]}"
