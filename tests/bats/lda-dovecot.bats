#!/usr/bin/env bats
# LDA mode in front of Dovecot's deliver: $RSPAMC --mime --exec "deliver ..."
# scans with a real rspamd on loopback and hands the message to the real
# Dovecot LDA, whose Sieve script files `X-Spam: yes` into Junk.  What is
# checked is what ends up in the Maildir and the exit status an MTA sees.

bats_require_minimum_version 1.5.0

load helpers
load mail-env

setup_file() {
	start_rspamd
	setup_maildir_env
	# A privileged port where nothing listens: "connection refused".
	DEAD_PORT=1
	export DEAD_PORT
	# A delivery agent that dies of SIGTERM after reading its input.
	KILLSELF="$BATS_FILE_TMPDIR/killself.sh"
	printf '#!/bin/sh\ncat >/dev/null\nkill -TERM $$\n' >"$KILLSELF"
	chmod +x "$KILLSELF"
	export KILLSELF
}

teardown_file() {
	teardown_maildir_env
	stop_rspamd
}

setup() {
	sandbox_env
	maildir_clear
}

teardown() {
	stop_fake
}

# lda ARGS...: our program in LDA mode against the live rspamd.
lda() {
	"$RSPAMC" -h "$RSPAMD_NORMAL" --mime "$@"
}

# the_message FOLDER: the one message in FOLDER (fails unless exactly one).
the_message() {
	assert_count "$1" 1 || return 1
	maildir_files "$1"
}

# assert_headers_kept DELIVERED ORIGINAL: the original header block opens
# the delivered message unchanged (line ends compared as LF).
assert_headers_kept() {
	local n
	n=$(mail_headers "$2" | wc -l)
	assert_equal "$(mail_headers "$1" | head -n "$n" | tr -d '\r')" \
		"$(mail_headers "$2" | tr -d '\r')"
}

@test "ham is delivered to INBOX once, scanned, body and headers unchanged" {
	run -0 lda --exec "$(deliver_cmd)" <"$FIXTURES/ham.eml"
	assert_count Junk 0
	f=$(the_message INBOX)
	assert_scanned "$f"
	assert_header "$f" X-Spam-Action "no action"
	assert_header "$f" X-Spam-Scanner
	assert_header "$f" X-Spam-Level
	refute_header "$f" X-Spam
	assert_same_body "$f" "$FIXTURES/ham.eml"
	assert_headers_kept "$f" "$FIXTURES/ham.eml"
}

@test "a greylisted message gets no X-Spam flag and stays in INBOX" {
	run -0 lda --exec "$(deliver_cmd)" <"$FIXTURES/html.eml"
	assert_count Junk 0
	f=$(the_message INBOX)
	assert_header "$f" X-Spam-Action greylist
	refute_header "$f" X-Spam
	assert_same_body "$f" "$FIXTURES/html.eml"
}

@test "spammy message (add header) is flagged and filed into Junk by Sieve" {
	run -0 lda --exec "$(deliver_cmd)" <"$FIXTURES/spammy.eml"
	assert_count INBOX 0
	f=$(the_message Junk)
	assert_header "$f" X-Spam yes
	assert_header "$f" X-Spam-Action "add header"
	assert_same_body "$f" "$FIXTURES/spammy.eml"
	assert_headers_kept "$f" "$FIXTURES/spammy.eml"
}

@test "GTUBE (reject) is flagged and filed into Junk, not refused" {
	run -0 lda --exec "$(deliver_cmd)" <"$FIXTURES/gtube.eml"
	assert_count INBOX 0
	f=$(the_message Junk)
	assert_header "$f" X-Spam yes
	assert_header "$f" X-Spam-Action reject
	assert_same_body "$f" "$FIXTURES/gtube.eml"
}

@test "rewrite subject action means Junk" {
	run -0 lda --header 'Settings={"actions":{"rewrite subject":-100,"reject":null,"add header":null,"greylist":null}}' \
		--exec "$(deliver_cmd)" <"$FIXTURES/ham.eml"
	assert_count INBOX 0
	f=$(the_message Junk)
	assert_header "$f" X-Spam yes
	assert_header "$f" X-Spam-Action "rewrite subject"
	assert_same_body "$f" "$FIXTURES/ham.eml"
}

@test "soft reject action (canned reply) means Junk" {
	reply="$BATS_TEST_TMPDIR/soft-reject.json"
	cat >"$reply" <<'EOF'
{"is_skipped": false, "score": 8.0, "required_score": 15.0,
 "action": "soft reject",
 "symbols": {"FAKE": {"name": "FAKE", "score": 8.0, "metric_score": 8.0}},
 "messages": {}, "message-id": "ham-1@example.org"}
EOF
	start_fake canned "$reply"
	run -0 "$RSPAMC" -h "127.0.0.1:$FAKE_PORT" --mime \
		--exec "$(deliver_cmd)" <"$FIXTURES/ham.eml"
	assert_count INBOX 0
	f=$(the_message Junk)
	assert_header "$f" X-Spam yes
	assert_header "$f" X-Spam-Action "soft reject"
	assert_same_body "$f" "$FIXTURES/ham.eml"
}

@test "CRLF message: Dovecot stores it with LF, content intact" {
	run -0 lda --exec "$(deliver_cmd)" <"$FIXTURES/ham-crlf.eml"
	f=$(the_message INBOX)
	# Dovecot's Maildir keeps LF line ends: a CR anywhere means a header
	# we added (or the body) was mangled on the way.
	run -1 grep -c $'\r' "$f"
	assert_scanned "$f"
	assert_header "$f" X-Spam-Action "no action"
	assert_same_body "$f" "$FIXTURES/ham-crlf.eml" --lf
	assert_headers_kept "$f" "$FIXTURES/ham-crlf.eml"
}

@test "CRLF message: deliver is handed CRLF throughout, added headers included" {
	out="$BATS_TEST_TMPDIR/handed.eml"
	run -0 lda --exec "cp /dev/stdin $out" <"$FIXTURES/ham-crlf.eml"
	# Every line ends in CRLF, including the X-Spam-* headers and folds.
	run -1 grep -c $'[^\r]$' "$out"
	run -1 grep -c '^$' "$out"
	assert_header "$out" X-Spam-Action "no action"
	assert_same_body "$out" "$FIXTURES/ham-crlf.eml"
}

@test "rspamd unreachable, default policy: delivered to INBOX with X-Spam-Error, exit 0" {
	run -0 "$RSPAMC" -h "127.0.0.1:$DEAD_PORT" --mime \
		--exec "$(deliver_cmd)" <"$FIXTURES/ham.eml"
	f=$(the_message INBOX)
	assert_scan_error "$f"
	assert_header "$f" X-Spam-Scanner
	refute_header "$f" X-Spam
	assert_same_body "$f" "$FIXTURES/ham.eml"
	assert_headers_kept "$f" "$FIXTURES/ham.eml"
}

@test "rspamd unreachable, explicit --on-error=deliver: same as the default" {
	run -0 "$RSPAMC" -h "127.0.0.1:$DEAD_PORT" --mime --on-error=deliver \
		--exec "$(deliver_cmd)" <"$FIXTURES/gtube.eml"
	# Not scanned, so not flagged: it lands in INBOX.
	assert_count Junk 0
	f=$(the_message INBOX)
	assert_scan_error "$f"
	assert_same_body "$f" "$FIXTURES/gtube.eml"
}

@test "rspamd unreachable, --on-error=tempfail: nothing delivered, exit 75" {
	run -75 "$RSPAMC" -h "127.0.0.1:$DEAD_PORT" --mime --on-error=tempfail \
		--exec "$(deliver_cmd)" <"$FIXTURES/ham.eml"
	assert_count INBOX 0
	assert_count Junk 0
}

@test "broken server replies: delivered with X-Spam-Error, or tempfail" {
	local mode
	for mode in status500 notjson notobject empty200 close cut garbage; do
		maildir_clear
		start_fake "$mode"
		run -0 "$RSPAMC" -h "127.0.0.1:$FAKE_PORT" -t 5 --mime \
			--exec "$(deliver_cmd)" <"$FIXTURES/ham.eml"
		f=$(the_message INBOX)
		assert_scan_error "$f"
		assert_same_body "$f" "$FIXTURES/ham.eml"

		maildir_clear
		run -75 "$RSPAMC" -h "127.0.0.1:$FAKE_PORT" -t 5 --mime \
			--on-error=tempfail --exec "$(deliver_cmd)" <"$FIXTURES/ham.eml"
		assert_count INBOX 0
		stop_fake
	done
}

@test "rspamd times out: delivered with X-Spam-Error after -t seconds" {
	start_fake silent
	SECONDS=0
	run -0 "$RSPAMC" -h "127.0.0.1:$FAKE_PORT" -t 1 --mime \
		--exec "$(deliver_cmd)" <"$FIXTURES/ham.eml"
	[ "$SECONDS" -lt 5 ]
	f=$(the_message INBOX)
	assert_scan_error "$f"
	assert_same_body "$f" "$FIXTURES/ham.eml"
}

@test "unknown user: the exit status is deliver's own (EX_NOUSER)" {
	run "$DELIVER" -c "$DOVECOT_CONF" -d nosuchuser <"$FIXTURES/ham.eml"
	assert_equal "$status" 67
	local want=$status

	run -"$want" lda --exec "$(deliver_cmd nosuchuser)" <"$FIXTURES/ham.eml"
	assert_count INBOX 0
	assert_count Junk 0
}

@test "unknown user and rspamd unreachable: still deliver's status, not OR'd" {
	run -67 "$RSPAMC" -h "127.0.0.1:$DEAD_PORT" --mime \
		--exec "$(deliver_cmd nosuchuser)" <"$FIXTURES/ham.eml"
	assert_count INBOX 0
}

@test "a delivery agent killed by a signal means EX_TEMPFAIL (75)" {
	run -75 lda --exec "$KILLSELF" <"$FIXTURES/ham.eml"
}

@test "quoted --exec string: delivered when the scan works" {
	run -0 lda --exec "$DELIVER -c '$DOVECOT_CONF' -d \"$MAIL_USER\"" \
		<"$FIXTURES/ham.eml"
	f=$(the_message INBOX)
	assert_scanned "$f"
	assert_same_body "$f" "$FIXTURES/ham.eml"
}

@test "quoted --exec string and a scan failure: still delivered (3.4 lost it)" {
	run -0 "$RSPAMC" -h "127.0.0.1:$DEAD_PORT" --mime \
		--exec "$DELIVER -c '$DOVECOT_CONF' -d \"$MAIL_USER\"" \
		<"$FIXTURES/ham.eml"
	f=$(the_message INBOX)
	assert_scan_error "$f"
	assert_same_body "$f" "$FIXTURES/ham.eml"
}

@test "--max-size: a larger message is delivered unscanned with a reason" {
	local size
	size=$(wc -c <"$FIXTURES/ham.eml")
	run -0 lda --max-size $((size - 1)) --exec "$(deliver_cmd)" \
		<"$FIXTURES/ham.eml"
	f=$(the_message INBOX)
	assert_size_skipped "$f" "$size" $((size - 1))
	refute_header "$f" X-Spam-Action
	assert_same_body "$f" "$FIXTURES/ham.eml"
	assert_headers_kept "$f" "$FIXTURES/ham.eml"
}

@test "--max-size: an oversized GTUBE is not scanned, so not filed as spam" {
	local size
	size=$(wc -c <"$FIXTURES/gtube.eml")
	run -0 lda --max-size 100 --exec "$(deliver_cmd)" <"$FIXTURES/gtube.eml"
	assert_count Junk 0
	f=$(the_message INBOX)
	assert_size_skipped "$f" "$size" 100
}

@test "--max-size: a message of exactly the limit is scanned" {
	local size
	size=$(wc -c <"$FIXTURES/spammy.eml")
	run -0 lda --max-size "$size" --exec "$(deliver_cmd)" \
		<"$FIXTURES/spammy.eml"
	f=$(the_message Junk)
	assert_scanned "$f"
	assert_same_body "$f" "$FIXTURES/spammy.eml"
}
