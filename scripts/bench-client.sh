#!/usr/bin/env bash
# Client benchmark: this rspamc against the real rspamc 3.4 (and spamc's
# start-up when installed) on the same loopback rspamd and messages, in
# one run. Prints a table of median wall time and peak RSS per
# invocation, and directory throughput with -n.
#
#   scripts/bench-client.sh [RUNS]        (default 30 runs per figure)
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-30}
OURS=${RSPAMC:-build/rspamc/rspamc}
REAL=/usr/bin/rspamc
source scripts/lib-server.sh
work=$(mktemp -d)
cc -O2 -o "$work/measure" scripts/measure.c
M="$work/measure"
trap 'stop_rspamd; rm -rf "$work"' EXIT
start_rspamd

# Messages: ~3 KB (ham fixture padded), 10 MiB, and a directory of 1,000.
{ cat tests/fixtures/ham.eml; for i in $(seq 1 40); do
	echo "Line $i of padding text to make this message about three kilobytes."; done
} > "$work/3k.eml"
{ sed '/^$/q' tests/fixtures/ham.eml
  head -c 7800000 /dev/urandom | base64 -w 76; } > "$work/10m.eml"
mkdir "$work/dir"
for i in $(seq 1 1000); do
	sed "s/^Message-ID: .*/Message-ID: <bench-$i@example.org>/" "$work/3k.eml" \
		> "$work/dir/msg$i.eml"
done

row() { # label, ours-result, real-result
	read -r om _ ok _ <<<"$2"
	read -r rm _ rk _ <<<"$3"
	printf '%-34s %9s ms %8s MiB   %9s ms %8s MiB\n' "$1" "$om" \
		"$(awk -v k="$ok" 'BEGIN{printf "%.1f", k/1024}')" "$rm" \
		"$(awk -v k="$rk" 'BEGIN{printf "%.1f", k/1024}')"
}

echo "rspamc client benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $RUNS runs each (median)"
printf '%-34s %23s   %23s\n' "" "this rspamc" "rspamc 3.4"
row "--help (start-up)" "$($M "$RUNS" - "$OURS" --help)" "$($M "$RUNS" - "$REAL" --help)"
row "--commands" "$($M "$RUNS" - "$OURS" --commands)" "$($M "$RUNS" - "$REAL" --commands)"
row "3 KB scan (normal worker)" \
	"$($M "$RUNS" "$work/3k.eml" "$OURS" -h "$RSPAMD_NORMAL")" \
	"$($M "$RUNS" "$work/3k.eml" "$REAL" -h "$RSPAMD_NORMAL")"
row "3 KB --mime (normal worker)" \
	"$($M "$RUNS" "$work/3k.eml" "$OURS" -h "$RSPAMD_NORMAL" --mime)" \
	"$($M "$RUNS" "$work/3k.eml" "$REAL" -h "$RSPAMD_NORMAL" --mime)"
row "10 MiB scan" \
	"$($M 5 "$work/10m.eml" "$OURS" -h "$RSPAMD_NORMAL" -t 60)" \
	"$($M 5 "$work/10m.eml" "$REAL" -h "$RSPAMD_NORMAL" -t 60)"
row "1,000 files, -n 8 (whole run)" \
	"$($M 3 - "$OURS" -h "$RSPAMD_NORMAL" -n 8 "$work/dir")" \
	"$($M 3 - "$REAL" -h "$RSPAMD_NORMAL" -n 8 "$work/dir")"
if command -v spamc >/dev/null; then
	read -r sm _ sk _ <<<"$($M "$RUNS" - spamc -V)"
	printf '%-34s %9s ms %8s MiB   (spamc -V, start-up only)\n' "spamc 4" "$sm" \
		"$(awk -v k="$sk" 'BEGIN{printf "%.1f", k/1024}')"
fi
