#!/usr/bin/env bats
# parallel.bats: many messages through our rspamc at once against the real
# rspamd normal worker: every message gets exactly one result, at most -n
# requests are in flight, the process stays single-threaded, and under
# valgrind nothing leaks (memory or file descriptors).

bats_require_minimum_version 1.5.0

load helpers
load cli-helpers

N_MESSAGES=1000
N_VALGRIND=200

setup_file() {
	start_rspamd
	MSG_DIR="$BATS_FILE_TMPDIR/msgs"
	SMALL_DIR="$BATS_FILE_TMPDIR/small"
	export MSG_DIR SMALL_DIR
	mkdir -p "$MSG_DIR" "$SMALL_DIR"
	# copies of ham.eml, each with its own Message-ID
	"$PYTHON" - "$FIXTURES/ham.eml" "$MSG_DIR" "$N_MESSAGES" \
		"$SMALL_DIR" "$N_VALGRIND" <<'EOF'
import sys
src = open(sys.argv[1], 'rb').read()
for d, n in ((sys.argv[2], int(sys.argv[3])), (sys.argv[4], int(sys.argv[5]))):
    for i in range(n):
        msg = src.replace(b'<ham-1@example.org>',
                          b'<parallel-%d@example.org>' % i)
        assert msg != src
        with open('%s/m%04d.eml' % (d, i), 'wb') as f:
            f.write(msg)
EOF
}

teardown_file() {
	stop_rspamd
}

setup() {
	sandbox_env
	NORMAL="127.0.0.1:$RSPAMD_NORMAL_PORT"
}

teardown() {
	stop_fake
}

# sample_process PID PORT: polls PID until it exits; prints "samples
# max_threads max_connections", connections being its TCP sockets whose
# remote port is PORT.
sample_process() {
	"$PYTHON" - "$1" "$2" <<'EOF'
import os, sys, time
pid, port = sys.argv[1], int(sys.argv[2])
samples = max_threads = max_conns = 0
def tcp_inodes():
    res = set()
    for name in ('tcp', 'tcp6'):
        try:
            with open('/proc/%s/net/%s' % (pid, name)) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    if int(parts[2].rsplit(':', 1)[1], 16) == port:
                        res.add(parts[9])
        except (OSError, StopIteration):
            pass
    return res
while True:
    try:
        with open('/proc/%s/status' % pid) as f:
            status = f.read()
        if '\nState:\tZ' in status:
            break
        threads = int(status.split('\nThreads:')[1].split()[0])
        inodes = tcp_inodes()
        conns = 0
        for fd in os.listdir('/proc/%s/fd' % pid):
            try:
                link = os.readlink('/proc/%s/fd/%s' % (pid, fd))
            except OSError:
                continue
            if link.startswith('socket:[') and link[8:-1] in inodes:
                conns += 1
    except (OSError, IndexError, ValueError):
        break
    samples += 1
    max_threads = max(max_threads, threads)
    max_conns = max(max_conns, conns)
    time.sleep(0.002)
print(samples, max_threads, max_conns)
EOF
}

@test "parallel: 1000 messages with -n 8: one result each, exit 0, one thread, <= 8 in flight" {
	local out="$BATS_TEST_TMPDIR/out" err="$BATS_TEST_TMPDIR/err"
	local pid rc=0 stats
	"$RSPAMC" -n 8 -h "$NORMAL" "$MSG_DIR" >"$out" 2>"$err" 3>&- &
	pid=$!
	# sample the process while it runs: threads, and TCP connections to
	# the server (curl also keeps a socketpair of its own: not counted)
	stats=$(sample_process "$pid" "$RSPAMD_NORMAL_PORT")
	wait "$pid" || rc=$?
	echo "exit $rc; samples, max threads, max connections: $stats"
	head -n 5 "$err"
	[ "$rc" = 0 ]
	[ ! -s "$err" ]
	[ "$(grep -c '^Results for file: ' "$out")" = "$N_MESSAGES" ]
	# every file exactly once
	[ "$(sed -n 's/^Results for file: \(.*\) ([^)]*)$/\1/p' "$out" | sort -u | wc -l)" = "$N_MESSAGES" ]
	[ "$(grep -c '^Action: no action$' "$out")" = "$N_MESSAGES" ]
	local samples max_threads max_conns
	read -r samples max_threads max_conns <<<"$stats"
	[ "$samples" -gt 0 ]
	[ "$max_threads" = 1 ]
	[ "$max_conns" -le 8 ]
	[ "$max_conns" -ge 1 ]
}

@test "parallel: no thread is ever created (strace: no clone/clone3 with CLONE_THREAD)" {
	command -v strace >/dev/null || skip "no strace"
	local log="$BATS_TEST_TMPDIR/strace"
	run -0 strace -f -qq -e trace=clone,clone3 -o "$log" \
		"$RSPAMC" -n 8 -h "$NORMAL" "$SMALL_DIR"
	[ "$(grep -c '^Results for file: ' <<<"$output")" = "$N_VALGRIND" ]
	cat "$log"
	! grep -q 'CLONE_THREAD' "$log"
	# and with a name to resolve (curl's resolver must not start threads)
	run -0 strace -f -qq -e trace=clone,clone3 -o "$log" \
		"$RSPAMC" -n 8 -h "localhost:$RSPAMD_NORMAL_PORT" "$SMALL_DIR/m0001.eml" \
		"$SMALL_DIR/m0002.eml"
	cat "$log"
	! grep -q 'CLONE_THREAD' "$log"
}

# vg_fd_leaks LOG: the descriptors open at exit that were not inherited
# (valgrind lists each open one, inherited ones marked as such).
vg_fd_leaks() {
	"$PYTHON" - "$1" <<'EOF'
import re, sys
lines = [re.sub(r'^==\d+== ?', '', l.rstrip('\n')) for l in open(sys.argv[1])]
bad = []
for i, l in enumerate(lines):
    if re.match(r'^Open (file descriptor|AF_\w+ socket|\w+ socket)', l):
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ''
        if nxt != '<inherited from parent>':
            bad.append(l + ' / ' + nxt)
print('\n'.join(bad))
EOF
}

@test "parallel: 200 messages under valgrind: exit 0, no leaks, no fd leaks" {
	command -v valgrind >/dev/null || skip "no valgrind"
	local log="$BATS_TEST_TMPDIR/vg.log" out="$BATS_TEST_TMPDIR/out" rc=0
	valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 --track-fds=yes --log-file="$log" \
		"$RSPAMC" -n 8 -h "$NORMAL" "$SMALL_DIR" >"$out" 2>&1 3>&- || rc=$?
	grep -E 'ERROR SUMMARY|definitely lost|indirectly lost|FILE DESCRIPTORS' "$log"
	[ "$rc" = 0 ]
	[ "$(grep -c '^Results for file: ' "$out")" = "$N_VALGRIND" ]
	grep -q 'ERROR SUMMARY: 0 errors' "$log"
	! grep -E 'definitely lost: [1-9]|indirectly lost: [1-9]' "$log"
	# only the standard descriptors and inherited ones may be open at exit
	local leaks
	leaks=$(vg_fd_leaks "$log")
	[ -z "$leaks" ] || { echo "fds opened and not closed:"; echo "$leaks"; false; }
}

@test "parallel: valgrind on the failure paths (refused, HTTP 500 via fake, timeout)" {
	command -v valgrind >/dev/null || skip "no valgrind"
	local log="$BATS_TEST_TMPDIR/vg.log" rc
	local vg=(valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect
		--error-exitcode=99 --track-fds=yes --log-file="$log")
	rc=0
	"${vg[@]}" "$RSPAMC" -n 8 -h 127.0.0.1:1 "$SMALL_DIR/m0001.eml" \
		"$SMALL_DIR/m0002.eml" >/dev/null 2>&1 3>&- || rc=$?
	[ "$rc" = 1 ]
	[ -z "$(vg_fd_leaks "$log")" ]
	start_fake status500
	rc=0
	"${vg[@]}" "$RSPAMC" -n 8 -h "127.0.0.1:$FAKE_PORT" -j "$SMALL_DIR/m0001.eml" \
		"$SMALL_DIR/m0002.eml" >/dev/null 2>&1 3>&- || rc=$?
	[ "$rc" = 1 ]
	[ -z "$(vg_fd_leaks "$log")" ]
	stop_fake
	start_fake silent
	rc=0
	"${vg[@]}" "$RSPAMC" -t 1 -h "127.0.0.1:$FAKE_PORT" --mime "$SMALL_DIR/m0001.eml" \
		>/dev/null 2>&1 3>&- || rc=$?
	stop_fake
	echo "mime + timeout: exit $rc"
	# (the exit status of --mime on a failed scan is the LDA suites' business)
	[ "$rc" != 99 ]
	[ -z "$(vg_fd_leaks "$log")" ]
}

@test "parallel: -n 1 handles the directory one message at a time, in name order" {
	run -0 "$RSPAMC" -n 1 -h "$NORMAL" "$SMALL_DIR"
	sed -n 's/^Results for file: \(.*\) ([^)]*)$/\1/p' <<<"$output" >"$BATS_TEST_TMPDIR/got"
	(cd "$SMALL_DIR" && printf '%s\n' m*.eml | sed "s|^|$SMALL_DIR/|") >"$BATS_TEST_TMPDIR/want"
	diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}
