#!/usr/bin/env bats
# lda-mime.bats: --mime against the real rspamd 3.4: the X-Spam-* headers
# in rspamc 3.4's order and format, inserted before the blank line with the
# message's own line ending, and every other byte of the message kept; the
# input edge cases (no blank line, CR-only, NUL bytes, huge lines, 45 and
# 50 MB messages) and our improvements over 3.4 (forged headers removed,
# milter headers applied, Subject rewritten, --max-size).

bats_require_minimum_version 1.5.0
load helpers
load lda-helpers

CHECK="$TESTS_DIR/fixtures/edge/check-mime.py"

setup_file() {
	start_rspamd
}

teardown_file() {
	stop_rspamd
}

setup() {
	sandbox_env
	export OUT="$BATS_TEST_TMPDIR/out"
	export ADDED="$BATS_TEST_TMPDIR/added"
	export IN="$BATS_TEST_TMPDIR/in.eml"
	SRV=(-h "$RSPAMD_NORMAL")
}

teardown() {
	stop_fake
	if [ -z "${BATS_TEST_COMPLETED:-}" ] && [ -n "${stderr:-}" ]; then
		printf 'rspamc stderr:\n%s\n' "$stderr" | head -c 4000
	fi
}

# scanned KEPT INS EOL CHECK-ARGS...: OUT is KEPT with a valid scan block
# at INS; the action is in $output afterwards.
scanned() {
	local kept=$1 ins=$2 eol=$3
	shift 3
	split_kept "$kept" "$OUT" "$ins" || return 1
	run -0 python3 "$CHECK" scan "$ADDED" "$eol" "$@"
}

# mime_fixture FILE EOL CHECK-ARGS...: scan FILE; the output is FILE with
# the scan block before its blank line.
mime_fixture() {
	local f=$1
	shift
	cp "$f" "$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" "$@"
}

# ---- the fixtures -------------------------------------------------------

@test "ham: no action, 3.4's header order, all other bytes identical, LF stays LF" {
	mime_fixture "$FIXTURES/ham.eml" lf --ham --action 'no action'
	[ "$output" = "no action" ]
	run -1 grep -q $'\r' "$OUT"
	run -1 grep -q '^X-Spam:' "$OUT"
}

@test "ham with CRLF: every added line ends in CRLF, nothing else changed" {
	mime_fixture "$FIXTURES/ham-crlf.eml" crlf --ham
	# no LF without its CR anywhere
	[ "$(grep -c $'[^\r]$' "$OUT")" -eq 0 ]
}

@test "gtube: reject and X-Spam: yes" {
	mime_fixture "$FIXTURES/gtube.eml" lf --spam --action reject --extra
	[ "$(grep -c '^X-Spam: yes$' "$OUT")" -eq 1 ]
	grep -q '^X-Spam-Symbols: .*GTUBE\|^	GTUBE' "$OUT"
}

@test "spammy: X-Spam: yes" {
	mime_fixture "$FIXTURES/spammy.eml" lf --spam --extra
	[ "$(grep -c '^X-Spam: yes$' "$OUT")" -eq 1 ]
}

@test "other fixtures (html, attachment, utf8 subject): scanned, bytes kept" {
	local f
	for f in html attachment utf8-subject; do
		cp "$FIXTURES/$f.eml" "$IN"
		lda 0 --mime "${SRV[@]}"
		scanned "$IN" "$(ins_of "$IN")" lf --extra
	done
}

@test "forged X-Spam: no and X-Spam-Score from the sender are removed" {
	local kept="$BATS_TEST_TMPDIR/kept"
	cp "$FIXTURES/forged-xspam.eml" "$IN"
	grep -v -x -e 'X-Spam: no' -e 'X-Spam-Score: -100 / 15' "$IN" >"$kept"
	lda 0 --mime "${SRV[@]}"
	scanned "$kept" "$(ins_of "$kept")" lf --extra
	run -1 grep -q '^X-Spam: no' "$OUT"
	[ "$(grep -c '^X-Spam-Score:' "$OUT")" -eq 1 ]
	[ "$(grep -ci '^X-Spam:' "$OUT")" -le 1 ]
}

@test "forged X-Spam: no on a GTUBE message: exactly one X-Spam header, yes" {
	local kept="$BATS_TEST_TMPDIR/kept"
	{
		printf 'From: a@example.org\nX-Spam: no\nx-spam-score: -100 / 15\n'
		printf 'X-SPAM-ACTION: no action\nX-Spam-Level: \nX-Spam-Result: e30=\n'
		sed -e '1d' "$FIXTURES/gtube.eml"
	} >"$IN"
	{ printf 'From: a@example.org\n'; sed -e '1d' "$FIXTURES/gtube.eml"; } >"$kept"
	lda 0 --mime "${SRV[@]}"
	scanned "$kept" "$(ins_of "$kept")" lf --spam --action reject --extra
	[ "$(grep -ci '^X-Spam:' "$OUT")" -eq 1 ]
	grep -q '^X-Spam: yes$' "$OUT"
	[ "$(grep -ci '^X-Spam-Action:' "$OUT")" -eq 1 ]
	[ "$(grep -ci '^X-Spam-Level:' "$OUT")" -eq 1 ]
	run -1 grep -qi '^X-Spam-Result:' "$OUT"
}

@test "mbox From_ line stays the first line" {
	mime_fixture "$FIXTURES/mbox-from.eml" lf --extra
	[ "$(head -n 1 "$OUT")" = "$(head -n 1 "$FIXTURES/mbox-from.eml")" ]
}

@test "headers only, no blank line (fixture): our headers appended, everything kept" {
	cp "$FIXTURES/headers-only.eml" "$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" "$(stat -c %s "$IN")" lf --extra
}

@test "headers and a blank line, no body (fixture)" {
	mime_fixture "$FIXTURES/no-body.eml" lf --extra
}

@test "NUL byte in the body (fixture): kept, not truncated (3.4 truncated)" {
	mime_fixture "$FIXTURES/nul-byte.eml" lf --extra
	[ "$(tr -cd '\000' <"$OUT" | wc -c)" -eq 1 ]
}

# ---- generated edge cases, exact bytes -----------------------------------

@test "empty input: 'empty message', exit 65, nothing on stdout" {
	: >"$IN"
	lda 65 --mime "${SRV[@]}"
	[[ $stderr == *"empty message"* ]]
	[ -f "$OUT" ]
	[ ! -s "$OUT" ]
}

@test "empty input with --exec: exit 65, the child never runs" {
	: >"$IN"
	lda 65 --mime "${SRV[@]}" --exec "touch $BATS_TEST_TMPDIR/ran"
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

@test "headers + blank line, no body" {
	printf 'From: a@example.org\nSubject: headers then blank\n\n' >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" 48 lf --extra
}

@test "headers only, last line without newline: a line end, then our headers" {
	printf 'From: a@example.org\nSubject: no newline' >"$IN"
	printf 'From: a@example.org\nSubject: no newline\n' >"$BATS_TEST_TMPDIR/kept"
	lda 0 --mime "${SRV[@]}"
	scanned "$BATS_TEST_TMPDIR/kept" 40 lf --extra
}

@test "plain text, no header, no blank line: our headers and a blank line in front" {
	printf 'just some text\nwithout any header\n' >"$IN"
	printf '\njust some text\nwithout any header\n' >"$BATS_TEST_TMPDIR/kept"
	lda 0 --mime "${SRV[@]}"
	scanned "$BATS_TEST_TMPDIR/kept" 0 lf --extra
}

@test "a header, then text without a blank line: blank line inserted after our headers" {
	printf 'From: a@example.org\nthis is not a header\nmore text\n' >"$IN"
	printf 'From: a@example.org\n\nthis is not a header\nmore text\n' >"$BATS_TEST_TMPDIR/kept"
	lda 0 --mime "${SRV[@]}"
	scanned "$BATS_TEST_TMPDIR/kept" 20 lf --extra
}

@test "message starting with a blank line: our headers in front" {
	printf '\nbody only\n' >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" 0 lf --extra
}

@test "CR-only line endings: headers inserted with CR" {
	printf 'From: a@example.org\rSubject: cr only\r\rbody\rline 2\r' >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" 37 cr --extra
	[ "$(tr -cd '\n' <"$OUT" | wc -c)" -eq 0 ]
}

@test "mixed endings (CRLF then LF before the blank line): added lines use LF" {
	printf 'From: a@example.org\r\nSubject: mixed\n\nbody line\r\n' >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" 36 lf --extra
}

@test "CRLF with folded headers: inserted after the last continuation line" {
	printf 'From: a@example.org\r\nSubject: folded\r\n\tsecond part\r\n \r\n\r\nbody\r\n' >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" 55 crlf --extra
}

@test "NUL bytes in a header and in the body are kept" {
	printf 'From: a@example.org\nX-Nul: a\000b\nSubject: nul\n\nbody\000\000 more\000\n' >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" lf --extra
	[ "$(tr -cd '\000' <"$OUT" | wc -c)" -eq 4 ]
}

@test "a 1 MB header line is kept" {
	{
		printf 'From: a@example.org\nX-Long: '
		head -c 1048576 /dev/zero | tr '\0' 'a'
		printf '\nSubject: long\n\nbody\n'
	} >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" lf --extra
}

@test "the last line without a newline is kept as is" {
	printf 'From: a@example.org\nSubject: nonl-body\n\nbody without final newline' >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" 39 lf --extra
}

@test "non-UTF-8 bytes (0xff) in a header are kept" {
	printf 'From: a@example.org\nSubject: \377\376 bytes\nX-Raw: \200\201\n\nbody \377\n' >"$IN"
	lda 0 --mime "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" lf --extra
}

# ---- result formats -------------------------------------------------------

@test "-j: X-Spam-Result is base64 of the pretty JSON reply" {
	cp "$FIXTURES/ham.eml" "$IN"
	lda 0 --mime -j "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" lf --result json
	# decode it once more here, independently of the checker
	awk '/^X-Spam-Result: / { p = 1; sub(/^X-Spam-Result: /, ""); printf "%s", $0; next }
	     p && /^\t/ { sub(/^\t/, ""); printf "%s", $0; next }
	     { p = 0 }' "$ADDED" | base64 -d >"$BATS_TEST_TMPDIR/result.json"
	run -0 python3 -c 'import json,sys; json.load(sys.stdin)' <"$BATS_TEST_TMPDIR/result.json"
}

@test "--compact: X-Spam-Result is base64 of compact JSON" {
	cp "$FIXTURES/ham.eml" "$IN"
	lda 0 --mime --compact "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" lf --result compact
}

@test "-j --compact with CRLF: X-Spam-Result folded with CRLF TAB" {
	cp "$FIXTURES/ham-crlf.eml" "$IN"
	lda 0 --mime -j --compact "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" crlf --result compact
}

@test "--ucl: X-Spam-Result is base64 of the UCL reply" {
	cp "$FIXTURES/ham.eml" "$IN"
	lda 0 --mime --ucl "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" lf --result ucl
}

# ---- --max-size ---------------------------------------------------------

@test "--max-size: a message one byte over the limit is not scanned" {
	local size
	cp "$FIXTURES/ham.eml" "$IN"
	size=$(stat -c %s "$IN")
	lda 0 --mime --max-size $((size - 1)) "${SRV[@]}"
	split_kept "$IN" "$OUT" "$(ins_of "$IN")"
	run -0 python3 "$CHECK" error "$ADDED" lf \
		"^message size $size exceeds the limit of $((size - 1)) bytes, not scanned\$"
}

@test "--max-size: a message exactly at the limit is scanned" {
	local size
	cp "$FIXTURES/ham.eml" "$IN"
	size=$(stat -c %s "$IN")
	lda 0 --mime --max-size "$size" "${SRV[@]}"
	scanned "$IN" "$(ins_of "$IN")" lf --ham
}

# ---- the improvements, exact bytes (fake server) ------------------------

@test "rewrite subject, milter add_headers and remove_headers are applied (exact bytes)" {
	local reply="$BATS_TEST_TMPDIR/reply.json"
	printf '%s' '{"is_skipped":false,"score":7.25,"required_score":15.0,"action":"rewrite subject","subject":"[SPAM] Lunch on Thursday","symbols":{"ZED_SYM":{"name":"ZED_SYM","score":1.5},"ALPHA_SYM":{"name":"ALPHA_SYM","score":-0.25},"MID_SYM":{"name":"MID_SYM","score":6.0}},"milter":{"add_headers":{"X-Milter-Added":{"value":"added value","order":0},"X-Plain":"plain value"},"remove_headers":{"X-Old":0,"X-Spam":0}}}' >"$reply"
	start_fake canned "$reply"
	printf '%s\n' 'From: Alice Example <alice@example.org>' \
		'To: Bob Example <bob@example.net>' 'X-Old: first' \
		'Subject: Lunch on Thursday' 'X-Old: second' \
		'	folded part of the second' 'X-Spam: no' \
		'Message-ID: <rw-1@example.org>' '' 'Hi Bob,' '' 'Alice' >"$IN"
	lda 0 --mime -h "127.0.0.1:$FAKE_PORT"
	printf '%s\n' 'From: Alice Example <alice@example.org>' \
		'To: Bob Example <bob@example.net>' \
		'Subject: [SPAM] Lunch on Thursday' \
		'Message-ID: <rw-1@example.org>' \
		'X-Spam-Scanner: rspamc 3.4' 'X-Spam-Scan-Time: T' \
		'X-Spam: yes' 'X-Spam-Action: rewrite subject' \
		'X-Spam-Score: 7.25 / 15.00' 'X-Spam-Level: ********' \
		'X-Spam-Symbols: ZED_SYM,' '	ALPHA_SYM,' '	MID_SYM' \
		'X-Milter-Added: added value' 'X-Plain: plain value' \
		'' 'Hi Bob,' '' 'Alice' >"$BATS_TEST_TMPDIR/want"
	sed -e 's/^X-Spam-Scan-Time: [0-9.e+-]*$/X-Spam-Scan-Time: T/' "$OUT" >"$BATS_TEST_TMPDIR/got"
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "milter remove_headers with an index removes only that occurrence" {
	local reply="$BATS_TEST_TMPDIR/reply.json"
	printf '%s' '{"score":0.0,"required_score":15.0,"action":"no action","symbols":{},"milter":{"remove_headers":{"X-Old":2}}}' >"$reply"
	start_fake canned "$reply"
	printf 'From: a@example.org\nX-Old: first\nX-Old: second\nX-Old: third\n\nbody\n' >"$IN"
	lda 0 --mime -h "127.0.0.1:$FAKE_PORT"
	printf 'From: a@example.org\nX-Old: first\nX-Old: third\nX-Spam-Scanner: rspamc 3.4\nX-Spam-Scan-Time: T\nX-Spam-Action: no action\nX-Spam-Score: 0.00 / 15.00\nX-Spam-Level: \nX-Spam-Symbols: \n\nbody\n' >"$BATS_TEST_TMPDIR/want"
	sed -e 's/^X-Spam-Scan-Time: [0-9.e+-]*$/X-Spam-Scan-Time: T/' "$OUT" >"$BATS_TEST_TMPDIR/got"
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

# ---- big messages -------------------------------------------------------

# big_message FILE RANDOM_BYTES: headers and a base64 body of RANDOM_BYTES
# random bytes (4/3 of that on disk).
big_message() {
	{
		printf 'From: a@example.org\nTo: b@example.net\nSubject: big\n'
		printf 'Message-ID: <big@example.org>\nMIME-Version: 1.0\n'
		printf 'Content-Type: text/plain; charset=us-ascii\n\n'
		head -c "$2" /dev/urandom | base64 -w 76
	} >"$1"
}

# peak_kb FILE: the maximum RSS /usr/bin/time -v wrote to FILE.
peak_kb() {
	sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1"
}

@test "a 45 MB message is scanned, body identical, memory bounded" {
	local size peak
	[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed"
	big_message "$IN" 34000000
	size=$(stat -c %s "$IN")
	run -0 --separate-stderr timeout -k 5 300 bash -c \
		'/usr/bin/time -v -o "$1" "$RSPAMC" --mime -t 120 -h "$RSPAMD_NORMAL" <"$IN" >"$OUT"' \
		rspamc "$BATS_TEST_TMPDIR/time"
	scanned "$IN" "$(ins_of "$IN")" lf --extra
	peak=$(peak_kb "$BATS_TEST_TMPDIR/time")
	echo "message $size bytes, peak RSS $peak kB"
	# the message once, its buffer's slack, libraries: a second copy
	# of the message (2x) would not fit
	[ "$peak" -lt $(( size / 1024 * 3 / 2 + 24576 )) ]
}

@test "a 50 MB message over --max-size is passed through unscanned, memory bounded" {
	local size peak port
	[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed"
	big_message "$IN" 38000000
	size=$(stat -c %s "$IN")
	# a closed port: the message must not even be sent
	port=$(free_ports 1)
	run -0 --separate-stderr timeout -k 5 300 bash -c \
		'/usr/bin/time -v -o "$1" "$RSPAMC" --mime --max-size 10485760 -h "127.0.0.1:$2" <"$IN" >"$OUT"' \
		rspamc "$BATS_TEST_TMPDIR/time" "$port"
	split_kept "$IN" "$OUT" "$(ins_of "$IN")"
	run -0 python3 "$CHECK" error "$ADDED" lf \
		"^message size $size exceeds the limit of 10485760 bytes, not scanned\$"
	peak=$(peak_kb "$BATS_TEST_TMPDIR/time")
	echo "message $size bytes, peak RSS $peak kB"
	[ "$peak" -lt $(( size / 1024 * 3 / 2 + 24576 )) ]
}
