#!/usr/bin/env bats
# lda-faults.bats: the delivery mode (--mime, --exec, --on-error) when the
# scan fails.  Every broken-server behaviour of tests/fake-rspamd.py, and a
# closed port, must end in one of two outcomes:
#   --on-error=deliver (default): the original message, byte for byte, with
#     exactly X-Spam-Scanner, X-Spam-Scan-Time and X-Spam-Error inserted
#     before the blank line; exit status = the delivery's (0 on stdout);
#   --on-error=tempfail: nothing written, exit 75.
# Also: hostile replies cannot inject header lines, and a failing stdout
# (disk full, reader gone) is never a silent success.

bats_require_minimum_version 1.5.0
load helpers
load lda-helpers

CHECK="$TESTS_DIR/fixtures/edge/check-mime.py"

setup_file() {
	export MSG="$BATS_FILE_TMPDIR/msg.eml"
	cp "$FIXTURES/ham.eml" "$MSG"
}

setup() {
	sandbox_env
	export IN="$MSG"
	export OUT="$BATS_TEST_TMPDIR/out"
	export ADDED="$BATS_TEST_TMPDIR/added"
	export DELIVERED="$BATS_TEST_TMPDIR/delivered"
}

teardown() {
	stop_fake
	if [ -z "${BATS_TEST_COMPLETED:-}" ] && [ -n "${stderr:-}" ]; then
		printf 'rspamc stderr:\n%s\n' "$stderr"
	fi
}

# assert_unscanned FILE MODE: FILE is $MSG with the three error headers,
# X-Spam-Error naming MODE's cause.
assert_unscanned() {
	split_kept "$MSG" "$1" "$(ins_of "$MSG")" || return 1
	run -0 python3 "$CHECK" error "$ADDED" lf "$(cause_of "$2")"
}

# The words X-Spam-Error must contain for each failure.
cause_of() {
	case $1 in
	silent) echo 'tim(e|ed)[ -]?out' ;;
	close) echo 'empty|closed|EOF|reset|without|nothing' ;;
	cut) echo 'cut|short|partial|closed|EOF|incomplete|transfer|remain|bytes' ;;
	status500) echo 'HTTP error: 500' ;;
	status401) echo 'HTTP error: 401' ;;
	notjson) echo 'pars|JSON' ;;
	notobject) echo 'object' ;;
	empty200) echo 'empty' ;;
	huge) echo 'big|large|size|limit|tim(e|ed)[ -]?out' ;;
	garbage) echo 'HTTP|protocol|pars|weird|invalid|reply|response' ;;
	closed) echo 'refused|connect' ;;
	esac
}

# aim MODE: a fake server in MODE (or a closed port); sets TARGS to the
# options that point rspamc at it.
aim() {
	local port
	if [ "$1" = closed ]; then
		port=$(free_ports 1)
	else
		start_fake "$1"
		port=$FAKE_PORT
	fi
	TARGS=(-h "127.0.0.1:$port")
	case $1 in
	silent) TARGS+=(-t 1) ;;
	huge) TARGS+=(-t 20) ;;
	esac
}

# (a) deliver to stdout
fault_stdout() {
	aim "$1"
	lda 0 --mime "${TARGS[@]}"
	[ -n "$stderr" ] # the failure is reported
	assert_unscanned "$OUT" "$1"
}

# (b) tempfail: nothing written, 75
fault_tempfail() {
	aim "$1"
	lda 75 --mime --on-error=tempfail "${TARGS[@]}"
	[ -n "$stderr" ]
	[ -f "$OUT" ]
	[ ! -s "$OUT" ]
}

# (c) --exec with quotes in the command (3.4 delivered nothing then)
fault_exec() {
	aim "$1"
	lda 0 --mime "${TARGS[@]}" --exec 'sh -c "cat > \"$DELIVERED\""'
	[ ! -s "$OUT" ]
	assert_unscanned "$DELIVERED" "$1"
}

# (c) the child's 75 is ours, and it got the whole message first
fault_exec_75() {
	aim "$1"
	lda 75 --mime "${TARGS[@]}" \
		--exec 'sh -c "cat > \"$DELIVERED\"; exit 75"'
	[ ! -s "$OUT" ]
	assert_unscanned "$DELIVERED" "$1"
}

@test "silent server (-t 1): delivered to stdout with X-Spam-Error, exit 0" { fault_stdout silent; }
@test "close without reply: delivered to stdout with X-Spam-Error, exit 0" { fault_stdout close; }
@test "reply cut short: delivered to stdout with X-Spam-Error, exit 0" { fault_stdout cut; }
@test "HTTP 500: delivered to stdout with X-Spam-Error, exit 0" { fault_stdout status500; }
@test "HTTP 401: delivered to stdout with X-Spam-Error, exit 0" { fault_stdout status401; }
@test "reply not JSON: delivered to stdout with X-Spam-Error, exit 0" { fault_stdout notjson; }
@test "reply JSON but not an object: delivered with X-Spam-Error, exit 0" { fault_stdout notobject; }
@test "200 with an empty body: delivered with X-Spam-Error, exit 0 (3.4 crashed)" { fault_stdout empty200; }
@test "reply not HTTP: delivered to stdout with X-Spam-Error, exit 0" { fault_stdout garbage; }
@test "closed port: delivered to stdout with X-Spam-Error, exit 0" { fault_stdout closed; }

@test "silent server (-t 1) + --on-error=tempfail: nothing written, exit 75" { fault_tempfail silent; }
@test "close without reply + tempfail: nothing written, exit 75" { fault_tempfail close; }
@test "reply cut short + tempfail: nothing written, exit 75" { fault_tempfail cut; }
@test "HTTP 500 + tempfail: nothing written, exit 75" { fault_tempfail status500; }
@test "HTTP 401 + tempfail: nothing written, exit 75" { fault_tempfail status401; }
@test "reply not JSON + tempfail: nothing written, exit 75" { fault_tempfail notjson; }
@test "reply not an object + tempfail: nothing written, exit 75" { fault_tempfail notobject; }
@test "empty 200 + tempfail: nothing written, exit 75" { fault_tempfail empty200; }
@test "reply not HTTP + tempfail: nothing written, exit 75" { fault_tempfail garbage; }
@test "closed port + tempfail: nothing written, exit 75" { fault_tempfail closed; }

@test "silent server (-t 1) + quoted --exec: child gets the message with X-Spam-Error, exit 0" { fault_exec silent; }
@test "close without reply + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec close; }
@test "reply cut short + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec cut; }
@test "HTTP 500 + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec status500; }
@test "HTTP 401 + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec status401; }
@test "reply not JSON + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec notjson; }
@test "reply not an object + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec notobject; }
@test "empty 200 + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec empty200; }
@test "reply not HTTP + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec garbage; }
@test "closed port + quoted --exec: delivered with X-Spam-Error, exit 0" { fault_exec closed; }

@test "closed port + --exec child exiting 75: exit 75, child had the whole message" { fault_exec_75 closed; }
@test "HTTP 500 + --exec child exiting 75: exit 75" { fault_exec_75 status500; }
@test "silent server + --exec child exiting 75: exit 75" { fault_exec_75 silent; }
@test "reply not JSON + --exec child exiting 75: exit 75" { fault_exec_75 notjson; }

@test "--on-error=deliver spelled out is the default" {
	aim status500
	lda 0 --mime --on-error=deliver "${TARGS[@]}"
	assert_unscanned "$OUT" status500
}

@test "--on-error with an unknown policy is a usage error, nothing written" {
	aim closed
	run --separate-stderr timeout 20 \
		bash -c '"$RSPAMC" --mime --on-error=bounce "$@" <"$IN" >"$OUT"' rspamc "${TARGS[@]}"
	[ "$status" -ne 0 ]
	[ "$status" -ne 1 ] # an LDA must not answer 1 (a bounce for most MTAs)
	[[ $stderr == *on-error* ]]
	[ ! -s "$OUT" ]
}

@test "64 MiB reply (-t 20): no crash, the message is delivered whole, exit 0" {
	# A 64 MiB reply is valid JSON: taking it (scanned) or refusing it
	# (X-Spam-Error) are both fine; losing or mangling the message is not.
	aim huge
	lda 0 --mime "${TARGS[@]}"
	split_kept "$MSG" "$OUT" "$(ins_of "$MSG")"
	if grep -q '^X-Spam-Error: ' "$ADDED"; then
		run -0 python3 "$CHECK" error "$ADDED" lf "$(cause_of huge)"
	else
		run -0 python3 "$CHECK" scan "$ADDED" lf --ham --action 'no action'
	fi
}

@test "64 MiB reply + tempfail: either scanned (0) or nothing written (75)" {
	aim huge
	run --separate-stderr timeout -k 5 120 \
		bash -c '"$RSPAMC" --mime --on-error=tempfail "$@" <"$IN" >"$OUT"' rspamc "${TARGS[@]}"
	if [ "$status" -eq 75 ]; then
		[ ! -s "$OUT" ]
	else
		[ "$status" -eq 0 ]
		split_kept "$MSG" "$OUT" "$(ins_of "$MSG")"
		run -0 python3 "$CHECK" scan "$ADDED" lf --ham
	fi
}

# ---- hostile replies ----------------------------------------------------

# assert_no_injection FILE: FILE's header block holds only well-formed
# header lines, no line of the injected texts starts a header anywhere, no
# NUL appeared, and the body after the first blank line is $MSG's body.
assert_no_injection() {
	local f=$1 bad
	run -0 python3 "$CHECK" headers "$f"
	for bad in Injected: Bcc: X-Evil: Two: Four: body-injection Name:; do
		if grep -aq "^$bad" "$f"; then
			fail "a line starting with '$bad' was injected: $(grep -an "^$bad" "$f")"
			return 1
		fi
	done
	[ "$(tr -cd '\000' <"$f" | wc -c)" -eq 0 ]
	# the first blank line of the output is still the message's own one
	cmp <(sed -e '1,/^\r\{0,1\}$/d' "$MSG") <(sed -e '1,/^\r\{0,1\}$/d' "$f")
}

@test "milter-inject reply: no header can be injected through add_headers, subject or symbols" {
	aim milter-inject
	lda 0 --mime "${TARGS[@]}"
	assert_no_injection "$OUT"
}

@test "milter-inject reply: the reply is used (scanned), the values sanitised" {
	aim milter-inject
	lda 0 --mime "${TARGS[@]}"
	grep -q '^X-Spam-Action: rewrite subject$' "$OUT"
	grep -q '^X-Spam: yes$' "$OUT"
	# CR/LF/NUL became spaces: the values stay on their own line
	grep -q '^X-Injected: a  Injected: yes$' "$OUT"
	grep -q '^Subject: Hello  Bcc: victim@example.com' "$OUT"
	[ "$(grep -c '^Subject:' "$OUT")" -eq 1 ]
}

@test "milter-inject reply + --exec: the child gets no injected header either" {
	aim milter-inject
	lda 0 --mime "${TARGS[@]}" --exec 'sh -c "cat > \"$DELIVERED\""'
	assert_no_injection "$DELIVERED"
}

@test "milter-inject reply with -j: X-Spam-Result stays base64 lines" {
	aim milter-inject
	lda 0 --mime -j "${TARGS[@]}"
	assert_no_injection "$OUT"
	grep -q '^X-Spam-Result: ' "$OUT"
}

@test "dkim-signature with a bare line break in the reply cannot inject a header" {
	local reply="$BATS_TEST_TMPDIR/reply.json"
	printf '%s' '{"is_skipped":false,"score":1.0,"required_score":15.0,"action":"no action","symbols":{"A":{"name":"A","score":1.0}},"dkim-signature":"v=1; a=rsa-sha256; d=example.org;\r\nInjected: yes\nBcc: victim@example.com\r\n\r\nbody-injection"}' >"$reply"
	start_fake canned "$reply"
	lda 0 --mime -h "127.0.0.1:$FAKE_PORT"
	assert_no_injection "$OUT"
}

@test "a header value from the server with CR/LF in X-Spam-Action is sanitised" {
	local reply="$BATS_TEST_TMPDIR/reply.json"
	printf '%s' '{"score":1.0,"required_score":15.0,"action":"no action\r\nInjected: yes","symbols":{}}' >"$reply"
	start_fake canned "$reply"
	lda 0 --mime -h "127.0.0.1:$FAKE_PORT"
	assert_no_injection "$OUT"
}

# ---- a failing stdout ---------------------------------------------------

@test "scanned message to a full disk (>/dev/full): exit 75 and an error" {
	start_fake canned
	run -75 --separate-stderr timeout 30 \
		bash -c '"$RSPAMC" --mime -h "127.0.0.1:$FAKE_PORT" <"$IN" >/dev/full'
	[[ $stderr == *"No space left on device"* ]]
}

@test "unscanned message (closed port) to a full disk: exit 75 and an error" {
	aim closed
	run -75 --separate-stderr timeout 30 \
		bash -c '"$RSPAMC" --mime "$@" <"$IN" >/dev/full' rspamc "${TARGS[@]}"
	[[ $stderr == *"No space left on device"* ]]
}

@test "the reader of stdout goes away (closed pipe): exit 75 and an error, no SIGPIPE death" {
	local big="$BATS_TEST_TMPDIR/big.eml"
	{ cat "$MSG"; head -c 1500000 /dev/zero | tr '\0' 'b' | fold -w 76; } >"$big"
	export IN=$big
	start_fake canned
	# The pipe is needed here: PIPESTATUS[0] is rspamc's own status.
	run -0 --separate-stderr timeout 30 bash -c \
		'"$RSPAMC" --mime -h "127.0.0.1:$FAKE_PORT" <"$IN" 2>"$BATS_TEST_TMPDIR/err" | true
		 echo "${PIPESTATUS[0]}"'
	[ "$output" = 75 ]
	grep -qi 'pipe\|write' "$BATS_TEST_TMPDIR/err"
}

@test "the reader goes away on the unscanned path too: exit 75" {
	local big="$BATS_TEST_TMPDIR/big.eml"
	{ cat "$MSG"; head -c 1500000 /dev/zero | tr '\0' 'b' | fold -w 76; } >"$big"
	export IN=$big
	aim closed
	export HOSTPORT=${TARGS[1]}
	run -0 --separate-stderr timeout 30 bash -c \
		'"$RSPAMC" --mime -h "$HOSTPORT" <"$IN" 2>"$BATS_TEST_TMPDIR/err" | true
		 echo "${PIPESTATUS[0]}"'
	[ "$output" = 75 ]
	grep -qi 'pipe\|write' "$BATS_TEST_TMPDIR/err"
}

@test "no server at all, report mode (no --mime) keeps rspamc's exit 1" {
	aim closed
	lda 1 "${TARGS[@]}"
}

# A crash (here: SIGSEGV sent from outside, the same handler) must not look
# like a final failure nor leave half a message with the delivery command:
# exit 75, nothing delivered (rspamc/guard.c).
# crash_after SECONDS ARGS...: run rspamc with ARGS on $MSG, send it SIGSEGV
# after SECONDS; sets status and stderr (file $BATS_TEST_TMPDIR/err).
crash_after() {
	local delay=$1 pid
	shift
	"$RSPAMC" "$@" <"$MSG" >"$OUT" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	sleep "$delay"
	kill -SEGV "$pid"
	status=0
	wait "$pid" || status=$?
	stderr=$(cat "$BATS_TEST_TMPDIR/err")
}

@test "fatal signal while the server is being asked: exit 75, nothing delivered" {
	start_fake silent
	crash_after 1 --mime -h "127.0.0.1:$FAKE_PORT" -t 10 \
		--exec 'sh -c "cat > \"$DELIVERED\""'
	[ "$status" -eq 75 ]
	[[ $stderr == *'fatal signal before the delivery'* ]]
	[ ! -e "$DELIVERED" ]
	[ ! -s "$OUT" ]
}

@test "fatal signal while the delivery command runs: it is killed, exit 75, nothing delivered" {
	crash_after 1 --local --mime \
		--exec 'sh -c "sleep 3; cat > \"$DELIVERED\""'
	[ "$status" -eq 75 ]
	[[ $stderr == *'the delivery command was killed'* ]]
	sleep 3
	[ ! -e "$DELIVERED" ]
}

@test "no guard outside the delivery mode: a report run killed by SIGSEGV dies of it" {
	start_fake silent
	crash_after 1 -h "127.0.0.1:$FAKE_PORT" -t 10
	[ "$status" -eq $((128 + 11)) ]
}
