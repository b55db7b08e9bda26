#!/usr/bin/env bats
# infra.bats: the test environment itself works.  Uses the real
# /usr/bin/rspamc (not ours) against the rspamd + redis that helpers.bash
# starts on loopback, and curl against tests/fake-rspamd.py.

load helpers

REAL_RSPAMC=/usr/bin/rspamc

setup_file() {
	start_rspamd
}

teardown_file() {
	stop_rspamd
}

setup() {
	sandbox_env
}

teardown() {
	stop_fake
}

# Drop what changes from run to run: the timing on the "Results" line and
# the hours-in-the-past option of DATE_IN_PAST.
normalize_scan() {
	sed -e 's/^\(Results for file: .*\) ([0-9.]* seconds)$/\1/' \
		-e 's/^\(Symbol: DATE_IN_PAST ([0-9.]*)\)\[[0-9]*\]$/\1/'
}

@test "rspamd and redis were started and listen on loopback" {
	[ -n "$RSPAMD_NORMAL_PORT" ] && [ -n "$RSPAMD_CONTROLLER_PORT" ]
	[ -n "$RSPAMD_FUZZY_PORT" ] && [ -n "$REDIS_PORT" ]
	[ -d "$RSPAMD_TMPDIR" ]
	run curl -s --max-time 5 "http://$RSPAMD_CONTROLLER/ping"
	assert_success
	assert_output --partial pong
	run curl -s --max-time 5 "http://$RSPAMD_NORMAL/ping"
	assert_success
	assert_output --partial pong
}

@test "the real rspamc scans ham.eml and gets no action" {
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" "$FIXTURES/ham.eml"
	assert_line "Action: no action"
	assert_line "Spam: false"
	assert_line --regexp '^Score: [0-9.]+ / 15\.00$'
	assert_line "Message-ID: ham-1@example.org"
}

@test "gtube.eml is rejected" {
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" "$FIXTURES/gtube.eml"
	assert_line "Action: reject"
	assert_line "Spam: true"
	assert_line "Symbol: GTUBE (0.00)"
}

@test "spammy.eml reaches add header without reaching reject" {
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" "$FIXTURES/spammy.eml"
	assert_line "Action: add header"
	assert_line "Spam: true"
}

@test "every fixture gets an Action line" {
	local f
	for f in "$FIXTURES"/*.eml; do
		run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" "$f"
		assert_line --regexp '^Action: '
	done
}

@test "scans are deterministic between two runs" {
	local f first second
	for f in ham.eml spammy.eml html.eml attachment.eml utf8-subject.eml; do
		run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" "$FIXTURES/$f"
		first=$(normalize_scan <<<"$output")
		run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" "$FIXTURES/$f"
		second=$(normalize_scan <<<"$output")
		assert_equal "$second" "$first"
	done
}

@test "greylisting is off: no GREYLIST symbol and no soft reject" {
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" "$FIXTURES/html.eml"
	refute_line --partial "GREYLIST"
	refute_line "Action: soft reject"
}

@test "controller refuses privileged commands without the password" {
	run -1 "$REAL_RSPAMC" -h "$RSPAMD_CONTROLLER" learn_spam \
		"$FIXTURES/spammy.eml"
	assert_line "HTTP error: 401, Unauthorized"
	run -1 "$REAL_RSPAMC" -h "$RSPAMD_CONTROLLER" -P wrong learn_spam \
		"$FIXTURES/spammy.eml"
	assert_line "HTTP error: 401, Unauthorized"
}

@test "learn_spam and learn_ham succeed and stat counts them" {
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_CONTROLLER" -P "$RSPAMD_PASSWORD" \
		learn_spam "$FIXTURES/spammy.eml"
	assert_line "success = true;"
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_CONTROLLER" -P "$RSPAMD_PASSWORD" \
		learn_ham "$FIXTURES/ham.eml"
	assert_line "success = true;"
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_CONTROLLER" -P "$RSPAMD_PASSWORD" stat
	assert_line "Messages learned: 2"
	assert_line --regexp '^Statfile: BAYES_SPAM type: redis;'
}

@test "fuzzy_add stores a hash in the local fuzzy storage and scans see it" {
	# Only messages with enough words get a hash: ham.eml, ham-crlf.eml and
	# spammy.eml do; the shorter fixtures get "No content to generate fuzzy".
	local i
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_CONTROLLER" -P "$RSPAMD_PASSWORD" \
		-f 1 -w 10 fuzzy_add "$FIXTURES/spammy.eml"
	assert_line "success = true;"
	refute_output --partial "Module disabled"
	# The storage writes to redis every 0.2 s.
	for i in $(seq 30); do
		run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" "$FIXTURES/spammy.eml"
		[[ "$output" == *"Symbol: LOCAL_FUZZY_DENIED"* ]] && break
		sleep 0.1
	done
	assert_line --regexp '^Symbol: LOCAL_FUZZY_DENIED \(0\.00\)\[1:'
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_CONTROLLER" -P "$RSPAMD_PASSWORD" stat
	assert_line --regexp '^Fuzzy hashes stored: [1-9]'
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_CONTROLLER" -P "$RSPAMD_PASSWORD" \
		-f 1 fuzzy_del "$FIXTURES/spammy.eml"
	assert_line "success = true;"
}

@test "rspamd has no socket to anything but loopback after scans" {
	local pids p line laddr paddr
	run -0 "$REAL_RSPAMC" -h "$RSPAMD_NORMAL" -i 192.0.2.1 \
		--helo mail.example.org -F alice@example.org -r bob@example.net \
		"$FIXTURES/ham.eml"
	pids="$RSPAMD_PID $(_descendants "$RSPAMD_PID")"
	run -0 ss -tunapH
	for p in $pids; do
		while read -r line; do
			[ -n "$line" ] || continue
			# Columns: netid state recv-q send-q local peer process
			read -r _ _ _ _ laddr paddr _ <<<"$line"
			[[ "$laddr" == 127.0.0.1:* ]] ||
				fail "rspamd socket not on loopback: $line"
			[[ "$paddr" == 127.0.0.1:* || "$paddr" == "0.0.0.0:*" ]] ||
				fail "rspamd talks to a non-loopback peer: $line"
		done <<<"$(grep "pid=$p," <<<"$output")"
	done
	# Every address that rspamd's log mentions next to "connect" is
	# loopback (accepted connections, redis, the dead DNS resolver).
	run -0 bash -c "grep -i connect '$RSPAMD_LOG' |
		grep -oE '([0-9]{1,3}\\.){3}[0-9]{1,3}' | sort -u"
	for line in $output; do
		[[ "$line" == 127.0.0.1 || "$line" == 0.0.0.0 ]] ||
			fail "rspamd log mentions a connection to $line"
	done
}

# --- the fault-injection fake ---------------------------------------------

@test "fake canned: 200 with the reply file as JSON, request logged" {
	local reply="$BATS_TEST_TMPDIR/reply.json"
	printf '{"action":"no action","score":1.0,"required_score":15.0,"symbols":{}}' \
		>"$reply"
	start_fake canned "$reply"
	run -0 curl -s -D "$BATS_TEST_TMPDIR/h" --max-time 5 \
		-H 'Flags: body_block' --data-binary @"$FIXTURES/ham.eml" \
		"http://127.0.0.1:$FAKE_PORT/checkv2"
	assert_output "$(cat "$reply")"
	run grep -i '^content-type: application/json' "$BATS_TEST_TMPDIR/h"
	assert_success
	run grep -c '^HTTP/1.1 200 OK' "$BATS_TEST_TMPDIR/h"
	assert_output 1
	# The log holds the request line, the headers and the body.
	run -0 cat "$FAKE_LOG"
	assert_line --regexp $'^POST /checkv2 HTTP/1.1\r$'
	assert_line --regexp $'^Flags: body_block\r$'
	assert_line "Subject: Lunch on Thursday"
	assert_line -- "--- end of request ---"
	# FAKE_LOG.1 is the request byte for byte: its tail is the body.
	cmp <(tail -c "$(wc -c <"$FIXTURES/ham.eml")" "$FAKE_LOG.1") \
		"$FIXTURES/ham.eml"
}

@test "fake canned without a reply file serves a built-in JSON object" {
	start_fake canned
	run -0 curl -s --max-time 5 "http://127.0.0.1:$FAKE_PORT/checkv2"
	run -0 "$PYTHON" -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["action"])' "$output"
	assert_output "no action"
}

@test "fake status500 and status401 answer with those codes and JSON" {
	start_fake status500
	run -0 curl -s -o "$BATS_TEST_TMPDIR/b" -w '%{http_code}' --max-time 5 \
		"http://127.0.0.1:$FAKE_PORT/checkv2"
	assert_output 500
	run -0 cat "$BATS_TEST_TMPDIR/b"
	assert_output '{"error":"fake internal error"}'
	start_fake status401
	run -0 curl -s -w ' %{http_code}' --max-time 5 \
		"http://127.0.0.1:$FAKE_PORT/learnspam"
	assert_output '{"error":"Unauthorized"} 401'
}

@test "fake empty200, notjson and notobject bodies" {
	start_fake empty200
	run -0 curl -s -D - --max-time 5 "http://127.0.0.1:$FAKE_PORT/checkv2"
	assert_line $'Content-Length: 0\r'
	start_fake notjson
	run -0 curl -s --max-time 5 "http://127.0.0.1:$FAKE_PORT/checkv2"
	assert_output "this is not json"
	start_fake notobject
	run -0 curl -s --max-time 5 "http://127.0.0.1:$FAKE_PORT/checkv2"
	assert_output "[1,2]"
}

@test "fake close, cut and garbage break the exchange as specified" {
	start_fake close
	run -52 curl -s --max-time 5 --data-binary @"$FIXTURES/ham.eml" \
		"http://127.0.0.1:$FAKE_PORT/checkv2"
	run grep -c -- "--- end of request ---" "$FAKE_LOG"
	assert_output 1
	start_fake cut
	run -18 curl -s --max-time 5 "http://127.0.0.1:$FAKE_PORT/checkv2"
	assert_output '{"action":'
	start_fake garbage
	run curl -s --max-time 5 "http://127.0.0.1:$FAKE_PORT/checkv2"
	assert_failure
	run -0 "$PYTHON" - "$FAKE_PORT" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b"GET /ping HTTP/1.0\r\n\r\n")
data = b""
while True:
    d = s.recv(100)
    if not d:
        break
    data += d
sys.stdout.write(repr(data))
EOF
	assert_output "b'HELLO\\r\\n\\r\\n'"
}

@test "fake silent never answers but keeps the connection" {
	start_fake silent
	run -28 curl -s --max-time 1 --data-binary @"$FIXTURES/ham.eml" \
		"http://127.0.0.1:$FAKE_PORT/checkv2"
	run -0 cat "$FAKE_LOG"
	assert_line "Subject: Lunch on Thursday"
}

@test "fake huge streams a valid 64 MiB JSON reply" {
	start_fake huge
	run -0 curl -s -o "$BATS_TEST_TMPDIR/huge" -w '%{size_download}' \
		--max-time 60 "http://127.0.0.1:$FAKE_PORT/checkv2"
	assert_output 67108864
	run -0 "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["action"])' \
		"$BATS_TEST_TMPDIR/huge"
	assert_output "no action"
}

@test "fake trickle sends its reply one byte at a time" {
	local reply="$BATS_TEST_TMPDIR/reply.json" start end
	printf '{"action":"reject"}' >"$reply"
	FAKE_DELAY=0.02 start_fake trickle "$reply"
	start=$SECONDS
	run -0 curl -s --max-time 60 "http://127.0.0.1:$FAKE_PORT/checkv2"
	end=$SECONDS
	assert_output '{"action":"reject"}'
	# About 130 bytes of head and body at 20 ms each.
	[ $((end - start)) -ge 2 ]
}

@test "fake milter-inject puts CR, LF and NUL into milter values" {
	start_fake milter-inject
	run -0 curl -s --max-time 5 "http://127.0.0.1:$FAKE_PORT/checkv2"
	run -0 "$PYTHON" -c '
import json, sys
d = json.loads(sys.argv[1])
h = d["milter"]["add_headers"]
assert "\r\n" in h["X-Injected"], h
assert "\x00" in h["X-Nul"], h
assert "\r\n" in d["subject"] and "\x00" in d["subject"]
opts = [o for s in d["symbols"].values() for o in s["options"]]
assert "a\r\nInjected: yes" in opts and "x\x00y" in opts
print("ok")' "$output"
	assert_output ok
}

@test "fake handles concurrent connections and stops on SIGTERM" {
	start_fake silent
	local silent_pid=$FAKE_PID silent_port=$FAKE_PORT
	local c1 c2
	curl -s --max-time 3 "http://127.0.0.1:$silent_port/a" >/dev/null 3>&- &
	c1=$!
	curl -s --max-time 3 "http://127.0.0.1:$silent_port/b" >/dev/null 3>&- &
	c2=$!
	sleep 0.5
	run -0 grep -c -- "--- end of request ---" "$FAKE_LOG"
	assert_output 2
	kill -TERM "$silent_pid"
	local i
	for i in $(seq 50); do
		kill -0 "$silent_pid" 2>/dev/null || break
		sleep 0.1
	done
	run kill -0 "$silent_pid"
	assert_failure
	wait "$c1" "$c2" || true
}
