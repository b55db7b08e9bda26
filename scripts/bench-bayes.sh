#!/usr/bin/env bash
# scripts/bench-bayes.sh: the Bayes classifier of the in-process scanner
# next to real rspamd 3.4 (Bayes on Redis) and SpamAssassin 4 (Bayes,
# network tests off), side by side in one run, on the SpamAssassin public
# corpus (scripts/fetch-corpus.sh).
#
# Usage: scripts/bench-bayes.sh [CORPUS_DIR]
#   Env: RSPAMC (our binary, default build/rspamc/rspamc), REAL_RSPAMC
#   (default /usr/bin/rspamc), ENGINES (subset of "ours ours-autolearn
#   ours-redis rspamd rspamd-corpus sa", default all), JOBS (parallel
#   requests to the daemons and rspamd's normal workers, default the
#   number of CPUs),
#   KEEP=DIR (keep the raw results and logs there).
#
# Split (fixed, nothing is tuned on the test groups):
#   train: easy-ham-1 (2500), hard-ham-1 (250) as ham, spam-1 (500) as spam,
#          in that order, one learn command per group;
#   test:  easy-ham-2 (1400) ham, spam-2 (1396) spam.
# For each engine: the share of test spam scored at or above "add header"
# (score >= 6, rspamd's default), the share of test ham at or above it
# (false positives), the same for the engine's Bayes verdict alone, and
# the wall time per message of learning and of classifying.
#
# Engines:
#   ours        rspamc --local --config CONF learn_ham|learn_spam DIR, then
#               rspamc --local --config CONF --compact DIR (one process);
#               default SQLite store in a temp XDG_DATA_HOME.
#   ours-redis  the same with the Redis store (the rspamd run's Redis,
#               its own key prefix).
#   ours-autolearn  the same as ours (SQLite), with autolearn on at
#               Rspamd's thresholds (spam_threshold 15, ham_threshold
#               -0.5) while the test groups are classified, the two groups
#               interleaved in one run in a fixed order (a hash of each
#               file's group and name), as a mailbox receives them: not
#               the acceptance figure (that is ours, autolearn off, the
#               default), a deployment with autolearn.
#   rspamd      rspamd 3.4 with the test suite's configuration (tests/rspamd:
#               network modules off, a dead DNS resolver, Bayes on a
#               loopback Redis, min_learns 200), trained by the real
#               rspamc learn_ham/learn_spam against the controller, in its
#               default mode: once both classes have min_learns messages,
#               rspamd skips learning a message its Bayes already
#               classifies correctly (Learn-Type: bulk would turn that
#               off); the table shows how many it actually learned.
#   rspamd-corpus  the same with tests/rspamd-corpus over it (the
#               configuration of scripts/agreement.sh: also the DNS-bound
#               checks of the local-symbols.md reference run off).
#   sa          SpamAssassin 4 (Debian spamassassin + spamd + spamc,
#               installed with apt-get when missing), local tests only
#               (-L), Bayes in a temp bayes_path, auto-learn off, trained
#               with sa-learn --ham/--spam DIR, classified by spamc against
#               a loopback spamd.  Reported at score >= 6 (the add-header
#               equivalent) and at SA's own required_score 5.0.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OURS=${RSPAMC:-$REPO/build/rspamc/rspamc}
REAL=${REAL_RSPAMC:-/usr/bin/rspamc}
ENGINES=${ENGINES:-ours ours-autolearn ours-redis rspamd rspamd-corpus sa}
JOBS=${JOBS:-$(nproc)}
corpus=${1:-$("$REPO/scripts/fetch-corpus.sh")}
corpus=$(cd "$corpus" && pwd)
TRAIN=(easy-ham-1:ham hard-ham-1:ham spam-1:spam)
TEST=(easy-ham-2 spam-2)
cmdline="scripts/bench-bayes.sh $*"

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-bayes.XXXXXX")
# free_ports, _kill_tree, start_rspamd/stop_rspamd (tests/bats/helpers.bash)
export BATS_FILE_TMPDIR="$work"
# shellcheck source=lib-server.sh
source "$REPO/scripts/lib-server.sh"
chmod 755 "$work" # spamd's children run as nobody
res="$work/res"
mkdir -p "$res"
SPAMD_PID=
cleanup() {
	[ -z "$SPAMD_PID" ] || _kill_tree "$SPAMD_PID" 2>/dev/null || true
	stop_rspamd >/dev/null 2>&1 || true
	if [ -n "${KEEP:-}" ]; then
		mkdir -p "$KEEP"
		cp -R "$res/." "$KEEP/"
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

has_engine() { [[ " $ENGINES " == *" $1 "* ]]; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
log() { echo "bench-bayes: $*" >&2; }

# timed ENGINE PHASE NMSG CMD...: run CMD, append "PHASE NMSG MS RC" to
# $res/ENGINE.time.  A failing command is recorded, not fatal.
timed() {
	local engine=$1 phase=$2 n=$3 t0 rc=0
	shift 3
	t0=$(now_ms)
	"$@" || rc=$?
	echo "$phase $n $(($(now_ms) - t0)) $rc" >>"$res/$engine.time"
	[ "$rc" = 0 ] || log "$engine $phase: exit $rc"
}

count() { find "$corpus/$1" -maxdepth 1 -type f -name '*.eml' | wc -l; }

# ---- this project -----------------------------------------------------

# interleave DIR: hard links (copies across file systems) of the test
# groups under DIR/HASH/GROUP/NAME, so that one run over DIR (names in
# order) takes ham and spam mixed in a fixed order, and each result's
# file name still names its group.
interleave() {
	local d=$1 g f h
	for g in "${TEST[@]}"; do
		for f in "$corpus/$g"/*.eml; do
			h=$(printf '%s/%s' "$g" "${f##*/}" | sha1sum | cut -c1-12)
			mkdir -p "$d/$h/$g"
			ln "$f" "$d/$h/$g/" 2>/dev/null || cp "$f" "$d/$h/$g/"
		done
	done
}

run_ours() { # ENGINE BACKEND-CONFIG-LINES
	local engine=$1 conf="$work/$1.conf" g cls n
	{
		echo 'classifier "bayes" {'
		echo "$2"
		echo '}'
	} >"$conf"
	export XDG_DATA_HOME="$work/$engine-xdg"
	mkdir -p "$XDG_DATA_HOME"
	for g in "${TRAIN[@]}"; do
		cls=${g#*:} g=${g%%:*}
		log "$engine: learn_$cls $g"
		timed "$engine" learn "$(count "$g")" "$OURS" --local --config "$conf" \
			"learn_$cls" "$corpus/$g" >>"$res/$engine.learn.log" 2>&1
	done
	if [ "$engine" = ours-autolearn ]; then
		interleave "$work/interleaved"
		n=0
		for g in "${TEST[@]}"; do n=$((n + $(count "$g"))); done
		log "$engine: classify ${TEST[*]} interleaved, autolearn on"
		timed "$engine" classify "$n" "$OURS" --local \
			--config "$conf" --compact "$work/interleaved" \
			>>"$res/$engine.jsonl" 2>>"$res/$engine.err"
		unset XDG_DATA_HOME
		return
	fi
	for g in "${TEST[@]}"; do
		log "$engine: classify $g"
		timed "$engine" classify "$(count "$g")" "$OURS" --local \
			--config "$conf" --compact "$corpus/$g" \
			>>"$res/$engine.jsonl" 2>>"$res/$engine.err"
	done
	unset XDG_DATA_HOME
}

# ---- rspamd 3.4 -------------------------------------------------------

# bench_start_rspamd NAME [OVERLAY]: the suite's rspamd + Redis with JOBS
# normal workers, OVERLAY's override.d copied over tests/rspamd's.
bench_start_rspamd() {
	local tmp="$work/$1"
	mkdir -p "$tmp/tests"
	ln -sfn "$REPO/tests/bats" "$tmp/tests/bats"
	cp -R "$REPO/tests/rspamd" "$tmp/tests/rspamd"
	[ -z "${2:-}" ] || cp -R "$2/override.d/." "$tmp/tests/rspamd/override.d/"
	sed -i "/^worker \"normal\"/,/^}/ s/count = [0-9]*;/count = $JOBS;/" \
		"$tmp/tests/rspamd/rspamd.conf.in"
	export TESTS_DIR="$tmp/tests"
	start_rspamd >&2
}

run_rspamd() { # ENGINE
	local engine=$1 g cls
	for g in "${TRAIN[@]}"; do
		cls=${g#*:} g=${g%%:*}
		log "$engine: learn_$cls $g"
		timed "$engine" learn "$(count "$g")" "$REAL" -h "$RSPAMD_CONTROLLER" \
			-P "$RSPAMD_PASSWORD" -n "$JOBS" "learn_$cls" "$corpus/$g" \
			>>"$res/$engine.learn.log" 2>&1
	done
	for g in "${TEST[@]}"; do
		log "$engine: classify $g"
		timed "$engine" classify "$(count "$g")" "$REAL" -h "$RSPAMD_NORMAL" \
			-n "$JOBS" --compact "$corpus/$g" \
			>>"$res/$engine.jsonl" 2>>"$res/$engine.err"
	done
}

# ---- SpamAssassin 4 ---------------------------------------------------

sa_install() {
	command -v sa-learn >/dev/null && command -v spamc >/dev/null &&
		[ -x /usr/sbin/spamd ] && return 0
	log "installing spamassassin spamc spamd with apt-get"
	DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends spamassassin spamc spamd >&2
}

sa_start() {
	local site="$work/sa/site" port deadline
	mkdir -p "$site" "$work/sa/bayes" "$work/sa/home"
	cp -R /etc/spamassassin/. "$site/"
	cat >>"$site/local.cf" <<EOF

# bench-bayes.sh: Bayes in a temp dir, no auto-learn, no network.
use_bayes 1
bayes_auto_learn 0
bayes_path $work/sa/bayes/bayes
bayes_file_mode 0777
skip_rbl_checks 1
dns_available no
EOF
	chmod -R a+rwX "$work/sa"
	port=$(free_ports 1)
	SA_PORT=$port
	/usr/sbin/spamd -L -x -i 127.0.0.1 -A 127.0.0.1 -p "$port" \
		-m "$JOBS" --siteconfigpath "$site" \
		--helper-home-dir "$work/sa/home" -s "$work/sa/spamd.log" \
		-r "$work/sa/spamd.pid" </dev/null >/dev/null 2>&1 &
	SPAMD_PID=$!
	deadline=$((SECONDS + 120))
	until spamc -d 127.0.0.1 -p "$port" -K >/dev/null 2>&1; do
		kill -0 "$SPAMD_PID" 2>/dev/null || {
			tail -20 "$work/sa/spamd.log" >&2
			return 1
		}
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.5
	done
}

run_sa() {
	local g cls
	sa_install
	sa_start
	for g in "${TRAIN[@]}"; do
		cls=${g#*:} g=${g%%:*}
		log "sa: sa-learn --$cls $g"
		timed sa learn "$(count "$g")" sa-learn -L \
			--siteconfigpath "$work/sa/site" "--$cls" "$corpus/$g" \
			>>"$res/sa.learn.log" 2>&1
	done
	chmod -R a+rwX "$work/sa/bayes"
	sa-learn -L --siteconfigpath "$work/sa/site" --dump magic \
		>"$res/sa.stat" 2>&1 || true
	for g in "${TEST[@]}"; do
		log "sa: spamc $g"
		timed sa classify "$(count "$g")" python3 \
			"$REPO/scripts/bench-bayes.py" spamc "$SA_PORT" "$JOBS" \
			"$corpus/$g" >>"$res/sa.tsv" 2>>"$res/sa.err"
	done
}

# ---- run --------------------------------------------------------------

if has_engine ours || has_engine ours-redis; then
	"$OURS" --help 2>&1 | grep -q -- '--local' || {
		log "$OURS has no --local (build it first)"
		exit 1
	}
fi
has_engine ours && run_ours ours '  backend = "sqlite";'
has_engine ours-autolearn && run_ours ours-autolearn \
	'  backend = "sqlite"; autolearn { spam_threshold = 15; ham_threshold = -0.5; }'
if has_engine rspamd || has_engine ours-redis; then
	bench_start_rspamd rspamd
	# ours-redis on the same Redis, under its own key prefix.
	has_engine ours-redis && run_ours ours-redis \
		"  backend = \"redis\"; servers = \"127.0.0.1:$REDIS_PORT\";"
	has_engine rspamd && run_rspamd rspamd
	stop_rspamd
fi
if has_engine rspamd-corpus; then
	bench_start_rspamd rspamd-corpus "$REPO/tests/rspamd-corpus"
	run_rspamd rspamd-corpus
	stop_rspamd
fi
has_engine sa && run_sa

python3 "$REPO/scripts/bench-bayes.py" table "$res" "$corpus" \
	"$cmdline" "$JOBS"
