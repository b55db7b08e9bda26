#!/usr/bin/env bats
# lda-exec.bats: --exec, the delivery command.  The command line is split
# like a shell would (quotes, backslashes) but no shell runs; the message
# is streamed into the child's stdin; the child's stdout/stderr are ours;
# our exit status is the child's (a signal or an unread message gives 75);
# a child that cannot run gives 75 so that the MTA retries.

bats_require_minimum_version 1.5.0
load helpers
load lda-helpers

setup_file() {
	local bin="$BATS_FILE_TMPDIR/bin"
	mkdir -p "$bin" "$BATS_FILE_TMPDIR/dir with space"
	# recorder: argv one per line, its open descriptors, stdin; exit $REC_RC
	cat >"$bin/recorder.sh" <<'EOF'
#!/bin/sh
: >"$REC_DIR/argv"
for a in "$@"; do printf '%s\n' "$a" >>"$REC_DIR/argv"; done
ls /proc/self/fd >"$REC_DIR/fds"
cat >"$REC_DIR/stdin"
exit "${REC_RC:-0}"
EOF
	cp "$bin/recorder.sh" "$BATS_FILE_TMPDIR/dir with space/rec"
	# killer: reads the message, then dies of signal $SIG
	cat >"$bin/killer.sh" <<'EOF'
#!/bin/sh
cat >"$REC_DIR/stdin"
kill -"$SIG" $$
sleep 5
EOF
	# noread: exits at once with $REC_RC, reading nothing
	printf '#!/bin/sh\nexit "${REC_RC:-0}"\n' >"$bin/noread.sh"
	# partial: reads 100 bytes and exits 0
	printf '#!/bin/sh\nhead -c 100 >/dev/null\nexit 0\n' >"$bin/partial.sh"
	# chatty: 1 MiB to stdout and 1 MiB to stderr before reading stdin
	cat >"$bin/chatty.sh" <<'EOF'
#!/bin/sh
yes OOOOOOOOOOOOOOO | head -c 1048576
yes EEEEEEEEEEEEEEE | head -c 1048576 >&2
cat >"$REC_DIR/stdin"
exit 0
EOF
	printf '#!/bin/sh\nexit 0\n' >"$bin/notexec.sh"
	chmod 0755 "$bin"/*.sh "$BATS_FILE_TMPDIR/dir with space/rec"
	chmod 0644 "$bin/notexec.sh"
	export BIN=$bin
	export REC="$bin/recorder.sh"
	export MSG="$BATS_FILE_TMPDIR/msg.eml"
	cp "$FIXTURES/ham.eml" "$MSG"
	export BIG="$BATS_FILE_TMPDIR/big.eml"
	{
		cat "$MSG"
		head -c 3200000 /dev/zero | tr '\0' 'q' | fold -w 76
	} >"$BIG"
	# The reply of examples/fake-canned-reply-1.json.
	export CANNED1="$BATS_FILE_TMPDIR/canned1.json"
	printf '%s' '{"is_skipped":false,"score":7.25,"required_score":15.0,"action":"soft reject","subject":"[SPAM] Lunch","symbols":{"ZED_SYM":{"name":"ZED_SYM","score":1.5,"metric_score":1.5,"description":"zed","options":["opt1","opt two"]},"ALPHA_SYM":{"name":"ALPHA_SYM","score":-0.25,"metric_score":-0.25},"MID_SYM":{"name":"MID_SYM","score":6.0,"metric_score":3.0,"options":[]}},"messages":{"smtp_message":"Try again later","other":{"a":1,"b":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}},"urls":["www.example.com","example.net"],"emails":["a@example.com"],"message-id":"mid@example.org","queue-id":"QID123","time_real":0.5,"dkim-signature":"v=1; a=rsa-sha256; d=example.org; s=sel; b=AAAA","milter":{"add_headers":{"X-Milter-Added":{"value":"added value","order":0},"X-Plain":"plain value","X-Multi":[{"value":"m1","order":0},"m2"]},"remove_headers":{"X-Spam":0,"X-Old":1}},"error":"some scan error text"}' >"$CANNED1"
}

setup() {
	sandbox_env
	export IN="$MSG"
	export OUT="$BATS_TEST_TMPDIR/out"
	export REC_DIR="$BATS_TEST_TMPDIR/rec"
	mkdir -p "$REC_DIR"
	unset REC_RC SIG
	start_fake canned
	export SRV="127.0.0.1:$FAKE_PORT"
}

teardown() {
	stop_fake
	if [ -z "${BATS_TEST_COMPLETED:-}" ] && [ -n "${stderr:-}" ]; then
		printf 'rspamc stderr:\n%s\n' "$stderr" | head -c 4000
	fi
}

# The recorded stdin is the message with the scan headers, body intact.
assert_delivered_scanned() {
	grep -q '^X-Spam-Scanner: rspamc 3.4$' "$REC_DIR/stdin"
	grep -q '^X-Spam-Action: no action$' "$REC_DIR/stdin"
	cmp <(sed -e '1,/^$/d' "$IN") <(sed -e '1,/^$/d' "$REC_DIR/stdin")
}

# ---- splitting the command line -----------------------------------------

@test "argv is split like a shell: quotes, escapes, no expansion, no shell" {
	local args expected
	args=$(cat <<'EOF'
 a 'b c' "d e" f\ g '$HOME' '>' ';' "x\"y" '' "tab\there" 'it'\''s' a"b"'c' \$HOME "$HOME" `id` |
EOF
)
	lda 0 --mime -h "$SRV" --exec "$REC$args"
	expected=$(cat <<'EOF'
a
b c
d e
f g
$HOME
>
;
x"y

tab\there
it's
abc
$HOME
$HOME
`id`
|
EOF
)
	printf '%s\n' "$expected" >"$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/want" "$REC_DIR/argv"
	[ ! -s "$OUT" ] # nothing of the delivery on our stdout
	assert_delivered_scanned
}

@test "a quoted program path with a space runs" {
	lda 0 --mime -h "$SRV" --exec "'$BATS_FILE_TMPDIR/dir with space/rec' one"
	[ "$(cat "$REC_DIR/argv")" = one ]
	assert_delivered_scanned
}

@test "a program name without a slash is looked up in PATH" {
	export PATH="$BIN:$PATH"
	lda 0 --mime -h "$SRV" --exec "recorder.sh x"
	[ "$(cat "$REC_DIR/argv")" = x ]
	assert_delivered_scanned
}

@test "an unterminated quote: clear error, nothing delivered, exit 75" {
	lda 75 --mime -h "$SRV" --exec "$REC 'unterminated"
	[[ $stderr == *unterminated* ]]
	[ ! -e "$REC_DIR/stdin" ]
	[ ! -s "$OUT" ]
}

@test "the child inherits no descriptor but 0, 1 and 2" {
	# 3 is the directory ls itself opened to list /proc/self/fd.
	lda 0 --mime -h "$SRV" --exec "$REC" 7<"$MSG" 9<"$MSG"
	printf '0\n1\n2\n3\n' >"$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/want" "$REC_DIR/fds"
}

# ---- exit status ----------------------------------------------------------

child_status() {
	export REC_RC=$1
	lda "$1" --mime -h "$SRV" --exec "$REC"
	assert_delivered_scanned
}

@test "child exit 0 -> 0" { child_status 0; }
@test "child exit 1 -> 1" { child_status 1; }
@test "child exit 67 -> 67" { child_status 67; }
@test "child exit 75 -> 75" { child_status 75; }
@test "child exit 100 -> 100" { child_status 100; }

@test "child killed by SIGKILL -> 75 and a message" {
	export SIG=KILL
	lda 75 --mime -h "$SRV" --exec "$BIN/killer.sh"
	[[ $stderr == *killer.sh* ]]
	[[ $stderr == *signal* ]]
}

@test "child killed by SIGTERM -> 75 and a message" {
	export SIG=TERM
	lda 75 --mime -h "$SRV" --exec "$BIN/killer.sh"
	[[ $stderr == *killer.sh* ]]
	[[ $stderr == *signal* ]]
}

@test "child exiting 0 without reading a 4 MB message -> 75, named on stderr, no crash" {
	export IN=$BIG
	lda 75 --mime -h "$SRV" --exec "$BIN/noread.sh"
	[[ $stderr == *noread.sh* ]]
	[[ $stderr == *read* ]]
}

@test "child reading 100 bytes of a 4 MB message and exiting 0 -> 75" {
	export IN=$BIG
	lda 75 --mime -h "$SRV" --exec "$BIN/partial.sh"
	[[ $stderr == *partial.sh* ]]
}

@test "child exiting 67 without reading a 4 MB message keeps its 67" {
	export IN=$BIG REC_RC=67
	lda 67 --mime -h "$SRV" --exec "$BIN/noread.sh"
}

@test "a 4 MB message reaches a reading child whole" {
	export IN=$BIG
	lda 0 --mime -h "$SRV" --exec "$REC"
	assert_delivered_scanned
}

@test "child writing 1 MiB to stdout and 1 MiB to stderr: no deadlock, output passed on" {
	local err="$BATS_TEST_TMPDIR/err"
	run -0 timeout -k 5 20 bash -c \
		'"$RSPAMC" --mime -h "$SRV" --exec "$BIN/chatty.sh" <"$IN" >"$OUT" 2>"$1"' rspamc "$err"
	yes OOOOOOOOOOOOOOO | head -c 1048576 >"$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/want" "$OUT"
	[ "$(grep -c '^EEEEEEEEEEEEEEE$' "$err")" -eq 65536 ]
	assert_delivered_scanned
}

@test "a program that does not exist: clear error, exit 75, nothing written" {
	lda 75 --mime -h "$SRV" --exec "/nonexistent/deliver -d bob"
	[[ $stderr == */nonexistent/deliver* ]]
	[[ $stderr == *"No such file"* ]]
	[ ! -s "$OUT" ]
}

@test "a program without execute permission: clear error, exit 75" {
	lda 75 --mime -h "$SRV" --exec "$BIN/notexec.sh"
	[[ $stderr == *notexec.sh* ]]
	[[ $stderr == *"Permission denied"* ]]
	[ ! -s "$OUT" ]
}

@test "a program that does not exist, scan failed too: still exit 75" {
	local port
	port=$(free_ports 1)
	lda 75 --mime -h "127.0.0.1:$port" --exec "/nonexistent/deliver"
	[ ! -s "$OUT" ]
}

# ---- scan failed, child delivered: not ORed with 1 (3.4 bug) --------------

@test "scan failed, child delivered (exit 0): exit 0, not 1" {
	local port
	port=$(free_ports 1)
	lda 0 --mime -h "127.0.0.1:$port" --exec "$REC"
	grep -q '^X-Spam-Error: ' "$REC_DIR/stdin"
	cmp <(sed -e '1,/^$/d' "$IN") <(sed -e '1,/^$/d' "$REC_DIR/stdin")
}

@test "scan failed, child exit 64: exit 64, not 65" {
	local port
	port=$(free_ports 1)
	export REC_RC=64
	lda 64 --mime -h "127.0.0.1:$port" --exec "$REC"
}

@test "scan failed, child exit 2: exit 2, not 3" {
	local port
	port=$(free_ports 1)
	export REC_RC=2
	lda 2 --mime -h "127.0.0.1:$port" --exec "$REC"
}

# ---- --exec without --mime: the report goes to the child -----------------

@test "--exec without --mime: the text report without the heading" {
	start_fake canned "$CANNED1" # a second fake; teardown stops both
	lda 0 -h "127.0.0.1:$FAKE_PORT" --exec "$REC"
	cat >"$BATS_TEST_TMPDIR/want" <<'EOF'
[Metric: default]
Action: soft reject
Spam: true
Subject: [SPAM] Lunch
Score: 7.25 / 15.00
Symbol: ALPHA_SYM (-0.25)
Symbol: MID_SYM (6.00)[]
Symbol: ZED_SYM (1.50)[opt1, opt two]
Message-ID: mid@example.org
Queue-ID: QID123
Urls: ["www.example.com","example.net"]
Emails: ["a@example.com"]
Scan error: some scan error text
Message - smtp_message: Try again later
Message - other: {"a":1,"b":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel; b=AAAA
EOF
	diff -u "$BATS_TEST_TMPDIR/want" "$REC_DIR/stdin"
	[ ! -s "$OUT" ]
	[ ! -s "$REC_DIR/argv" ]
}

@test "--exec -j without --mime: the JSON reply, no filename, no trailing newline" {
	start_fake canned "$CANNED1" # a second fake; teardown stops both
	lda 0 -j -h "127.0.0.1:$FAKE_PORT" --exec "$REC"
	run -0 python3 -c 'import json, sys
d = open(sys.argv[1], "rb").read()
assert not d.endswith(b"\n"), "trailing newline"
o = json.loads(d)
assert o["action"] == "soft reject", o
assert "filename" not in o and "scan_time" not in o, sorted(o)' "$REC_DIR/stdin"
}

@test "--exec without --mime: the child's status is ours" {
	export REC_RC=75
	lda 75 -h "$SRV" --exec "$REC"
	grep -q '^Action: no action$' "$REC_DIR/stdin"
}
