# tests/bats/helpers.bash: shared helpers for the bats suites.
#
# Owns: loading bats-support/bats-assert, the sandboxed environment, the
# per-suite rspamd + redis instances on loopback, and the fault-injection
# fake server (tests/fake-rspamd.py).
#
# Use from a .bats file:
#
#   load helpers
#   setup_file()    { start_rspamd; }
#   teardown_file() { stop_rspamd; }
#   setup()         { sandbox_env; }
#   teardown()      { stop_fake; }
#
# start_rspamd exports (for the rest of the file, tests included):
#   RSPAMD_NORMAL_PORT, RSPAMD_CONTROLLER_PORT, RSPAMD_FUZZY_PORT (UDP),
#   REDIS_PORT, RSPAMD_PASSWORD ("rspamc-test"), RSPAMD_TMPDIR,
#   RSPAMD_LOG (rspamd's log file), RSPAMD_PID, REDIS_PID,
#   RSPAMD_NORMAL and RSPAMD_CONTROLLER ("127.0.0.1:<port>").
# The controller's secure_ip is empty, so every controller command (stat
# too) needs -P "$RSPAMD_PASSWORD"; a missing or wrong one gets HTTP 401.
# Set RSPAMD_SECURE_IP=1 before start_rspamd to put 127.0.0.1/::1 back into
# secure_ip (then nothing is checked from loopback, as with the stock
# Debian config).  RSPAMD_PASSWORD may be set before start_rspamd too, but
# not to "q1": rspamd refuses its default password outside secure_ip.
# RSPAMD_KEEP=1 keeps the temp dir after stop_rspamd, for debugging.
#
# start_fake MODE [REPLY_FILE] exports FAKE_PORT, FAKE_LOG (raw requests
# as received) and FAKE_PID; stop_fake stops every fake started by the
# test.  Modes are listed in tests/fake-rspamd.py.
#
# Nothing here talks to anything but 127.0.0.1.

load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

# run -N / run --separate-stderr need bats >= 1.5 (Debian 12 has 1.8).
bats_require_minimum_version 1.5.0

: "${TESTS_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export TESTS_DIR
export FIXTURES="$TESTS_DIR/fixtures"
if [ -z "${PYTHON:-}" ]; then
	PYTHON=python3
	[ -x /usr/bin/python3 ] && PYTHON=/usr/bin/python3
fi

RSPAMD_BIN=${RSPAMD_BIN:-/usr/sbin/rspamd}
[ -x "$RSPAMD_BIN" ] || RSPAMD_BIN=/usr/bin/rspamd
REDIS_BIN=${REDIS_BIN:-/usr/bin/redis-server}
# The very first start on a machine compiles the hyperscan databases
# (~20 s); later starts load them from RSPAMD_HS_CACHE_DIR in ~1.5 s.
RSPAMD_START_TIMEOUT=${RSPAMD_START_TIMEOUT:-90}

# A clean environment for the program under test: its own HOME, C locale,
# UTC, and no proxy variables (curl would honour them).
sandbox_env() {
	local dir=${BATS_TEST_TMPDIR:-${BATS_FILE_TMPDIR:-/tmp}}
	export HOME="$dir/home"
	mkdir -p "$HOME"
	export LC_ALL=C LANG=C TZ=UTC
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
	unset NO_PROXY no_proxy RSPAMC_OPTS
}

# free_ports N: print N distinct ports that are free on 127.0.0.1 now for
# both TCP and UDP (the fuzzy worker listens on UDP).
free_ports() {
	"$PYTHON" - "$1" <<'EOF'
import socket, sys
held, good = [], []
while len(good) < int(sys.argv[1]):
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.bind(("127.0.0.1", 0))
    held.append(t)  # keep it bound so the number is not handed out again
    port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
        good.append(port)
    except OSError:
        pass
    finally:
        u.close()
print(" ".join(str(p) for p in good))
EOF
}

# free_udp_port: a UDP port on 127.0.0.1 with nothing listening (the dead
# DNS resolver).
free_udp_port() {
	"$PYTHON" -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# _http_pong PORT: succeeds when GET /ping on 127.0.0.1:PORT answers with a
# body containing "pong".
_http_pong() {
	curl -s --max-time 1 --noproxy '*' "http://127.0.0.1:$1/ping" 2>/dev/null |
		grep -q pong
}

_redis_ping() {
	"$PYTHON" - "$1" <<'EOF' >/dev/null 2>&1
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
s.sendall(b"PING\r\n")
sys.exit(0 if s.recv(64).startswith(b"+PONG") else 1)
EOF
}

_dump_logs() {
	local f
	for f in "$RSPAMD_TMPDIR/log/rspamd.log" "$RSPAMD_TMPDIR/log/rspamd.out" \
		"$RSPAMD_TMPDIR/log/redis.log"; do
		[ -f "$f" ] || continue
		echo "----- $f (last 80 lines)" >&2
		tail -n 80 "$f" >&2
	done
}

_start_redis() {
	mkdir -p "$RSPAMD_TMPDIR/redis"
	"$REDIS_BIN" --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
		--save '' --appendonly no --dir "$RSPAMD_TMPDIR/redis" \
		--daemonize no --logfile "$RSPAMD_TMPDIR/log/redis.log" \
		</dev/null >/dev/null 2>&1 3>&- &
	REDIS_PID=$!
	echo "$REDIS_PID" >"$RSPAMD_TMPDIR/run/redis.pid"
	export REDIS_PID
}

# Copy tests/rspamd into $RSPAMD_TMPDIR/conf with the placeholders filled.
_write_rspamd_conf() {
	local secure='' f
	[ "${RSPAMD_SECURE_IP:-}" = 1 ] && secure='"127.0.0.1", "::1"'
	cp -R "$TESTS_DIR/rspamd/." "$RSPAMD_TMPDIR/conf/"
	mv "$RSPAMD_TMPDIR/conf/rspamd.conf.in" "$RSPAMD_TMPDIR/conf/rspamd.conf"
	find "$RSPAMD_TMPDIR/conf" -type f | while read -r f; do
		sed -i -e "s|@TMPDIR@|$RSPAMD_TMPDIR|g" \
			-e "s|@NORMAL_PORT@|$RSPAMD_NORMAL_PORT|g" \
			-e "s|@CONTROLLER_PORT@|$RSPAMD_CONTROLLER_PORT|g" \
			-e "s|@FUZZY_PORT@|$RSPAMD_FUZZY_PORT|g" \
			-e "s|@REDIS_PORT@|$REDIS_PORT|g" \
			-e "s|@DNS_PORT@|$RSPAMD_DNS_PORT|g" \
			-e "s|@PASSWORD@|$RSPAMD_PASSWORD|g" \
			-e "s|@HS_CACHE_DIR@|$RSPAMD_HS_CACHE_DIR|g" \
			-e "s|@SECURE_IP@|$secure|g" "$f"
	done
}

# The command line that starts rspamd in the foreground.  rspamd refuses
# to run its workers as root without -u/-g, and with -u root it still
# refuses: --insecure is the switch for root (CI runs as root).
_rspamd_cmd() {
	local c="$RSPAMD_TMPDIR/conf"
	RSPAMD_CMD=("$RSPAMD_BIN" -f -c "$c/rspamd.conf"
		"--var=LOCAL_CONFDIR=$c"
		"--var=DBDIR=$RSPAMD_TMPDIR/db"
		"--var=RUNDIR=$RSPAMD_TMPDIR/run"
		"--var=LOGDIR=$RSPAMD_TMPDIR/log")
	if [ "$(id -u)" = 0 ]; then
		RSPAMD_CMD+=(--insecure)
	else
		RSPAMD_CMD+=(-u "$(id -un)" -g "$(id -gn)")
	fi
}

# start_rspamd: start redis and rspamd for this .bats file; returns
# non-zero (and prints the logs) if they are not ready in time.
start_rspamd() {
	local deadline
	RSPAMD_TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/rspamd-test.XXXXXX")
	mkdir -p "$RSPAMD_TMPDIR"/{conf,db,run,log}
	read -r RSPAMD_NORMAL_PORT RSPAMD_CONTROLLER_PORT RSPAMD_FUZZY_PORT \
		REDIS_PORT <<<"$(free_ports 4)"
	RSPAMD_DNS_PORT=$(free_udp_port)
	RSPAMD_PASSWORD=${RSPAMD_PASSWORD:-rspamc-test}
	: "${RSPAMD_HS_CACHE_DIR:=${TMPDIR:-/tmp}/rspamc-tests-hs-cache-$(id -u)}"
	mkdir -p "$RSPAMD_HS_CACHE_DIR"
	RSPAMD_LOG="$RSPAMD_TMPDIR/log/rspamd.log"
	RSPAMD_NORMAL="127.0.0.1:$RSPAMD_NORMAL_PORT"
	RSPAMD_CONTROLLER="127.0.0.1:$RSPAMD_CONTROLLER_PORT"
	export RSPAMD_TMPDIR RSPAMD_NORMAL_PORT RSPAMD_CONTROLLER_PORT \
		RSPAMD_FUZZY_PORT REDIS_PORT RSPAMD_DNS_PORT RSPAMD_PASSWORD \
		RSPAMD_LOG RSPAMD_NORMAL RSPAMD_CONTROLLER

	_write_rspamd_conf
	_start_redis
	_rspamd_cmd
	"${RSPAMD_CMD[@]}" </dev/null >"$RSPAMD_TMPDIR/log/rspamd.out" 2>&1 3>&- &
	RSPAMD_PID=$!
	echo "$RSPAMD_PID" >"$RSPAMD_TMPDIR/run/rspamd.main.pid"
	export RSPAMD_PID
	_start_watchdog

	deadline=$((SECONDS + RSPAMD_START_TIMEOUT))
	until _redis_ping "$REDIS_PORT" &&
		_http_pong "$RSPAMD_CONTROLLER_PORT" &&
		_http_pong "$RSPAMD_NORMAL_PORT"; do
		if ! kill -0 "$RSPAMD_PID" 2>/dev/null ||
			! kill -0 "$REDIS_PID" 2>/dev/null; then
			echo "start_rspamd: rspamd or redis exited" >&2
			_dump_logs
			stop_rspamd
			return 1
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "start_rspamd: not ready after ${RSPAMD_START_TIMEOUT}s" >&2
			_dump_logs
			stop_rspamd
			return 1
		fi
		sleep 0.1
	done
}

# If bats dies without running teardown_file (killed by a meson timeout,
# ^C), the watchdog stops rspamd and redis once the bats process that
# started them is gone.
_start_watchdog() {
	local owner=$$
	(
		set +e
		while kill -0 "$owner" 2>/dev/null; do
			sleep 1
		done
		RSPAMD_WATCHDOG_PID=
		stop_rspamd
	) </dev/null >/dev/null 2>&1 3>&- &
	RSPAMD_WATCHDOG_PID=$!
	export RSPAMD_WATCHDOG_PID
}

# _kill_tree PID: TERM the process and its children, wait up to 5 s, then
# KILL whatever is left.  Only the given process and its descendants.
_descendants() {
	local p c f kids
	for p in "$@"; do
		for f in /proc/"$p"/task/*/children; do
			[ -r "$f" ] || continue
			read -r -a kids <"$f" || true
			for c in "${kids[@]}"; do
				echo "$c"
				_descendants "$c"
			done
		done
	done
}

_any_alive() {
	local p
	for p in "$@"; do
		kill -0 "$p" 2>/dev/null && return 0
	done
	return 1
}

_kill_tree() {
	local pid=$1 pids
	[ -n "$pid" ] || return 0
	mapfile -t pids < <(echo "$pid"; _descendants "$pid")
	# bats runs setup/teardown under set -e: a process that is already
	# gone must not abort the cleanup, hence every "|| true".
	kill -TERM "${pids[@]}" 2>/dev/null || true
	for _ in $(seq 50); do
		_any_alive "${pids[@]}" || break
		sleep 0.1
	done
	kill -KILL "${pids[@]}" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	return 0
}

# stop_rspamd: stop rspamd (main and workers) and redis, remove the temp
# dir.  Keeps the temp dir if RSPAMD_KEEP=1 (for debugging).
stop_rspamd() {
	if [ -n "${RSPAMD_WATCHDOG_PID:-}" ]; then
		kill "$RSPAMD_WATCHDOG_PID" 2>/dev/null || true
		wait "$RSPAMD_WATCHDOG_PID" 2>/dev/null || true
		RSPAMD_WATCHDOG_PID=
	fi
	_kill_tree "${RSPAMD_PID:-}"
	_kill_tree "${REDIS_PID:-}"
	if [ -n "${RSPAMD_TMPDIR:-}" ] && [ "${RSPAMD_KEEP:-}" != 1 ]; then
		rm -rf "$RSPAMD_TMPDIR"
	fi
	return 0
}

# start_fake MODE [REPLY_FILE]: start tests/fake-rspamd.py on an ephemeral
# loopback port.  Exports FAKE_PORT, FAKE_LOG, FAKE_PID.  FAKE_DELAY, if
# set, is the per-byte delay of the trickle mode (default 0.05 s).
start_fake() {
	local mode=$1 reply=${2:-} dir
	dir=$(mktemp -d "${BATS_TEST_TMPDIR:-${BATS_FILE_TMPDIR:-/tmp}}/fake.XXXXXX")
	FAKE_LOG="$dir/requests.log"
	local args=(--port 0 --mode "$mode" --log "$FAKE_LOG"
		--ready-file "$dir/port")
	[ -n "$reply" ] && args+=(--reply "$reply")
	[ -n "${FAKE_DELAY:-}" ] && args+=(--delay "$FAKE_DELAY")
	"$PYTHON" "$TESTS_DIR/fake-rspamd.py" "${args[@]}" \
		</dev/null >"$dir/fake.out" 2>&1 3>&- &
	FAKE_PID=$!
	FAKE_PIDS="${FAKE_PIDS:-} $FAKE_PID"
	for _ in $(seq 100); do
		[ -s "$dir/port" ] && break
		if ! kill -0 "$FAKE_PID" 2>/dev/null; then
			cat "$dir/fake.out" >&2
			return 1
		fi
		sleep 0.05
	done
	FAKE_PORT=$(cat "$dir/port")
	[ -n "$FAKE_PORT" ] || { echo "start_fake: no port" >&2; return 1; }
	export FAKE_PORT FAKE_LOG FAKE_PID FAKE_PIDS
}

# stop_fake: stop every fake started since the last stop_fake.
stop_fake() {
	local p
	for p in ${FAKE_PIDS:-}; do
		_kill_tree "$p"
	done
	FAKE_PIDS=
	return 0
}
