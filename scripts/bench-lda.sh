#!/usr/bin/env bash
# LDA benchmark: the cost of scanning, rewriting and delivering a message
# through --mime --exec SINK, against `cat` alone (the physical floor) and
# against the real rspamc 3.4 on the same loopback rspamd, for 10 KB, 1 MB
# and 50 MB messages. Prints median wall time and peak RSS of each, in one
# run. The 50 MB message is above rspamd's default 50 MB scan limit, so it
# is scanned with --max-size (passed through unscanned, as an LDA would
# deliver it) by this client; the real rspamc gets the scan error (it
# delivers with X-Spam-Error).
#
# The delivery child is `dd of=/dev/null`, not `cat`: rspamc 3.4 connects
# the child's stdout to a pipe it never reads, so `--exec cat` with a
# message over 64 KiB deadlocks it (the hazard the README lists).
#
#   scripts/bench-lda.sh [RUNS]     (default 10)
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-10}
OURS=${RSPAMC:-build/rspamc/rspamc}
REAL=/usr/bin/rspamc
source scripts/lib-server.sh
work=$(mktemp -d)
trap 'stop_rspamd; rm -rf "$work"' EXIT
start_rspamd
cc -O2 -o "$work/measure" scripts/measure.c
M="$work/measure"
SINK="dd of=/dev/null bs=65536 status=none"

make_msg() { # size in bytes, file
	{ sed '/^$/q' tests/fixtures/ham.eml
	  head -c "$(( $1 * 3 / 4 ))" /dev/urandom | base64 -w 76; } >"$2"
}
make_msg 10000 "$work/10k.eml"
make_msg 1000000 "$work/1m.eml"
make_msg 50000000 "$work/50m.eml"

mib() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
row() { # label file result...
	local label=$1 file=$2 size
	shift 2
	size=$(stat -c %s "$file")
	printf "%-8s %10s" "$label" "$(awk -v b="$size" 'BEGIN{printf "%.2f", b/1048576}')"
	for r in "$@"; do
		read -r med _ rss _ <<<"$r"
		printf ' | %9s ms %7s MiB' "$med" "$(mib "$rss")"
	done
	echo
}

echo "LDA benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, median of $RUNS runs"
printf '%-8s %10s | %23s | %23s | %23s | %23s\n' message "size MiB" "cat" "cat | dd (floor)" \
	"this rspamc --mime -e dd" "rspamc 3.4 --mime -e dd"
for s in 10k 1m 50m; do
	f="$work/$s.eml"
	extra=()
	[ "$s" = 50m ] && extra=(--max-size 49000000)
	row "$s" "$f" \
		"$($M "$RUNS" "$f" cat)" \
		"$($M "$RUNS" "$f" sh -c "cat | $SINK")" \
		"$($M "$RUNS" "$f" "$OURS" -h "$RSPAMD_NORMAL" -t 60 --mime "${extra[@]}" --exec "$SINK")" \
		"$($M "$RUNS" "$f" "$REAL" -h "$RSPAMD_NORMAL" -t 60 --mime --exec "$SINK")"
done
echo "(50m: this rspamc passes it through unscanned with --max-size; rspamc 3.4's scan fails at rspamd's 50 MB limit)"
