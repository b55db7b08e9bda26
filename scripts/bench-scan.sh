#!/usr/bin/env bash
# scripts/bench-scan.sh: speed of the in-process scanner next to the real
# rspamd 3.4, in one run.
#
# Usage: scripts/bench-scan.sh [CORPUS_DIR]
#   CORPUS_DIR defaults to the SpamAssassin corpus of scripts/fetch-corpus.sh.
#   Env: RSPAMC (our binary, default build/rspamc/rspamc), RUNS (LDA runs,
#   default 30), CORPUS_RUNS (whole-corpus runs, default 1, after one
#   warm-up run), RSPAMD_WORKERS (normal workers of the reference rspamd,
#   default 1, as in the issue's 305 messages/s figure).
#
# Prints:
#   1. the whole corpus in-process on one core, one process:
#        taskset -c 0 rspamc --local -n 1 DIR
#      messages per second and peak RSS, next to the real rspamc -n 4
#      against the local rspamd (configured like the agreement reference:
#      tests/rspamd + tests/rspamd-corpus) on the same messages, with the
#      peak RSS (VmHWM) summed over rspamd's processes;
#   2. the per-message LDA figure: median wall time of
#        rspamc --local --mime --exec cat < 3KB.eml
#      over RUNS runs (aim: <= 8 ms), next to the real rspamc --mime
#      --exec cat against the local rspamd.
# Times come from scripts/measure.c (median, min, peak RSS of the child).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OURS=${RSPAMC:-$REPO/build/rspamc/rspamc}
REAL=${REAL_RSPAMC:-/usr/bin/rspamc}
RUNS=${RUNS:-30}
CORPUS_RUNS=${CORPUS_RUNS:-1}
corpus=${1:-$("$REPO/scripts/fetch-corpus.sh")}
corpus=$(cd "$corpus" && pwd)

# shellcheck source=agreement.sh
source "$REPO/scripts/agreement.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-scan.XXXXXX")
trap 'stop_rspamd >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cc -O2 -o "$work/measure" "$REPO/scripts/measure.c"
M="$work/measure"

"$OURS" --help 2>&1 | grep -q -- '--local' || {
	echo "bench-scan: $OURS has no --local (build it first)" >&2
	exit 1
}
agree_start_rspamd "$work/rspamd" "${RSPAMD_WORKERS:-1}" >&2

# The ~3 KB message of scripts/bench-client.sh: the ham fixture, padded.
{
	cat "$REPO/tests/fixtures/ham.eml"
	for i in $(seq 1 40); do
		echo "Line $i of padding text to make this message about three kilobytes."
	done
} >"$work/3k.eml"

# rspamd_hwm_kib: sum of VmHWM over rspamd's main process and workers.
rspamd_hwm_kib() {
	local total=0 p kib
	for p in $RSPAMD_PID $(_descendants "$RSPAMD_PID"); do
		kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
		total=$((total + ${kib:-0}))
	done
	echo "$total"
}

nmsg=$(cd "$corpus" && find . -type f ! -path '*/.*' | wc -l)
rate() { awk -v n="$nmsg" -v ms="$1" 'BEGIN{printf "%.0f", (ms > 0 ? n * 1000 / ms : 0)}'; }
mib() { awk -v k="$1" 'BEGIN{printf "%.1f", k / 1024}'; }

read -r om _ ok ost <<<"$("$M" "$CORPUS_RUNS" - taskset -c 0 "$OURS" --local -n 1 "$corpus")"
read -r rm _ rk rst <<<"$("$M" "$CORPUS_RUNS" - "$REAL" -h "$RSPAMD_NORMAL" -n 4 "$corpus")"
rhwm=$(rspamd_hwm_kib)

read -r lm lmin lk lst <<<"$("$M" "$RUNS" "$work/3k.eml" "$OURS" --local --mime --exec cat)"
read -r xm xmin xk xst <<<"$("$M" "$RUNS" "$work/3k.eml" "$REAL" -h "$RSPAMD_NORMAL" --mime --exec cat)"

echo "# Scanner benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "$(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)); corpus: $corpus ($nmsg messages);"
echo "reference: rspamd 3.4 with ${RSPAMD_WORKERS:-1} normal worker(s), tests/rspamd + tests/rspamd-corpus."
echo
echo "| figure | in-process (\`rspamc --local\`) | rspamd 3.4 (\`rspamc -h local\`) | ratio |"
echo "|---|---:|---:|---:|"
echo "| whole corpus, wall time | $om ms (taskset -c 0, -n 1) | $rm ms (-n 4) | $(awk -v a="$rm" -v b="$om" 'BEGIN{printf "%.1fx", (b > 0 ? a / b : 0)}') |"
echo "| messages per second | $(rate "$om") | $(rate "$rm") | |"
echo "| peak RSS | $(mib "$ok") MiB (rspamc) | $(mib "$rk") MiB (rspamc) + $(mib "$rhwm") MiB (rspamd, all processes) | |"
echo "| LDA: 3 KB \`--mime --exec cat\`, median of $RUNS | $lm ms (min $lmin) | $xm ms (min $xmin) | $(awk -v a="$xm" -v b="$lm" 'BEGIN{printf "%.1fx", (b > 0 ? a / b : 0)}') |"
echo "| LDA peak RSS | $(mib "$lk") MiB | $(mib "$xk") MiB (client only) | |"
echo
echo "Exit statuses: corpus ours $ost, real $rst; LDA ours $lst, real $xst."
if awk -v m="$lm" 'BEGIN{exit !(m > 8)}'; then
	echo "LDA median above the 8 ms aim."
fi
