#!/usr/bin/env bats
# LDA mode with procmail, both ways round:
#   - procmail as the delivery agent: $RSPAMC --mime --exec "procmail -m rc";
#   - $RSPAMC as a procmail filter: `:0fw | $RSPAMC --mime ...`.
# procmail delivers to Maildir folders inbox/ and (for `X-Spam: yes`) spam/,
# and keeps CRLF line ends as they come.

bats_require_minimum_version 1.5.0

load helpers
load mail-env

setup_file() {
	start_rspamd
	setup_maildir_env
	setup_procmail_env
	# A privileged port where nothing listens: "connection refused".
	DEAD_PORT=1
	export DEAD_PORT
	INBOX="$PROCMAIL_MAILDIR/inbox"
	SPAM="$PROCMAIL_MAILDIR/spam"
	export INBOX SPAM
}

teardown_file() {
	teardown_maildir_env
	stop_rspamd
}

setup() {
	sandbox_env
	maildir_clear
	write_procmailrc
}

# lda ARGS...: our program in LDA mode against the live rspamd.
lda() {
	"$RSPAMC" -h "$RSPAMD_NORMAL" --mime "$@"
}

the_message() {
	assert_count "$1" 1 || return 1
	maildir_files "$1"
}

# identity_filtered FIXTURE: the file procmail stores for FIXTURE after an
# identity filter (`:0fw | cat`).  procmail itself appends an empty line to
# filtered messages, so this, not the fixture, is the body to expect when
# our filter succeeds.
identity_filtered() {
	local dir="$BATS_TEST_TMPDIR/identity" rc
	rm -rf "$dir"
	rc="$dir/rc"
	mkdir -p "$dir/Mail"
	# shellcheck disable=SC2016 # procmail expands $MAILDIR
	printf 'MAILDIR=%s\nDEFAULT=$MAILDIR/inbox/\nSHELL=/bin/sh\n:0fw\n| cat\n' \
		"$dir/Mail" >"$rc"
	procmail -m "$rc" <"$1" || return 1
	maildir_files "$dir/Mail/inbox"
}

# assert_kept_body FILE FIXTURE: the body is the fixture's, either as is
# (procmail restored the original after a failed filter) or as after an
# identity filter (the filter succeeded and passed it through).
assert_kept_body() {
	local ref
	ref=$(identity_filtered "$2")
	assert_same_body "$1" "$2" 2>/dev/null && return 0
	assert_same_body "$1" "$ref"
}

@test "ham goes to inbox once, scanned, body intact" {
	run -0 lda --exec "$(procmail_cmd)" <"$FIXTURES/ham.eml"
	assert_count "$SPAM" 0
	f=$(the_message "$INBOX")
	assert_scanned "$f"
	assert_header "$f" X-Spam-Action "no action"
	refute_header "$f" X-Spam
	assert_same_body "$f" "$FIXTURES/ham.eml"
}

@test "spammy message goes to spam once, body intact" {
	run -0 lda --exec "$(procmail_cmd)" <"$FIXTURES/spammy.eml"
	assert_count "$INBOX" 0
	f=$(the_message "$SPAM")
	assert_header "$f" X-Spam yes
	assert_header "$f" X-Spam-Action "add header"
	assert_same_body "$f" "$FIXTURES/spammy.eml"
}

@test "GTUBE goes to spam once, body intact" {
	run -0 lda --exec "$(procmail_cmd)" <"$FIXTURES/gtube.eml"
	assert_count "$INBOX" 0
	f=$(the_message "$SPAM")
	assert_header "$f" X-Spam yes
	assert_header "$f" X-Spam-Action reject
	assert_same_body "$f" "$FIXTURES/gtube.eml"
}

@test "ham and spam in a row: one message in each folder" {
	run -0 lda --exec "$(procmail_cmd)" <"$FIXTURES/ham.eml"
	run -0 lda --exec "$(procmail_cmd)" <"$FIXTURES/gtube.eml"
	run -0 lda --exec "$(procmail_cmd)" <"$FIXTURES/utf8-subject.eml"
	assert_count "$INBOX" 2
	assert_count "$SPAM" 1
}

@test "CRLF message: stored byte for byte, added headers in CRLF too" {
	run -0 lda --exec "$(procmail_cmd)" <"$FIXTURES/ham-crlf.eml"
	f=$(the_message "$INBOX")
	# procmail does not convert: every line must still end in CRLF.
	run -1 grep -c $'[^\r]$' "$f"
	run -1 grep -c '^$' "$f"
	assert_header "$f" X-Spam-Action "no action"
	assert_same_body "$f" "$FIXTURES/ham-crlf.eml"
}

@test "8-bit UTF-8 body is delivered unchanged" {
	run -0 lda --exec "$(procmail_cmd)" <"$FIXTURES/utf8-subject.eml"
	f=$(the_message "$INBOX")
	assert_scanned "$f"
	assert_same_body "$f" "$FIXTURES/utf8-subject.eml"
}

@test "rspamd unreachable, default policy: delivered to inbox with X-Spam-Error, exit 0" {
	run -0 "$RSPAMC" -h "127.0.0.1:$DEAD_PORT" --mime \
		--exec "$(procmail_cmd)" <"$FIXTURES/gtube.eml"
	assert_count "$SPAM" 0
	f=$(the_message "$INBOX")
	assert_scan_error "$f"
	assert_same_body "$f" "$FIXTURES/gtube.eml"
}

@test "rspamd unreachable, --on-error=tempfail: nothing delivered, exit 75" {
	run -75 "$RSPAMC" -h "127.0.0.1:$DEAD_PORT" --mime --on-error=tempfail \
		--exec "$(procmail_cmd)" <"$FIXTURES/ham.eml"
	assert_count "$INBOX" 0
	assert_count "$SPAM" 0
}

@test "procmail's own failure status is passed on" {
	# A procmail that ends with EXITCODE=73 (EX_CANTCREAT) after
	# "delivering" to /dev/null: we must return 73 as well.
	local rc="$BATS_TEST_TMPDIR/exit73.rc"
	printf 'LOGFILE=/dev/null\nEXITCODE=73\n:0\n/dev/null\n' >"$rc"
	run -73 procmail -m "$rc" <"$FIXTURES/ham.eml"
	run -73 lda --exec "procmail -m $rc" <"$FIXTURES/ham.eml"
}

# --- rspamc as a procmail filter ------------------------------------------

@test "filter: ham passes through to inbox, scanned" {
	write_procmailrc "$RSPAMC -h $RSPAMD_NORMAL --mime"
	run -0 procmail -m "$PROCMAILRC" <"$FIXTURES/ham.eml"
	assert_count "$SPAM" 0
	f=$(the_message "$INBOX")
	assert_scanned "$f"
	assert_same_body "$f" "$(identity_filtered "$FIXTURES/ham.eml")"
}

@test "filter: spam is flagged, then filed by the next recipe" {
	write_procmailrc "$RSPAMC -h $RSPAMD_NORMAL --mime"
	run -0 procmail -m "$PROCMAILRC" <"$FIXTURES/gtube.eml"
	assert_count "$INBOX" 0
	f=$(the_message "$SPAM")
	assert_header "$f" X-Spam yes
	assert_same_body "$f" "$(identity_filtered "$FIXTURES/gtube.eml")"
}

@test "filter: rspamd unreachable, the message is kept (inbox, body intact)" {
	write_procmailrc "$RSPAMC -h 127.0.0.1:$DEAD_PORT --mime"
	run -0 procmail -m "$PROCMAILRC" <"$FIXTURES/gtube.eml"
	assert_count "$SPAM" 0
	f=$(the_message "$INBOX")
	assert_kept_body "$f" "$FIXTURES/gtube.eml"
	refute_header "$f" X-Spam
}

@test "filter: rspamd unreachable with --on-error=tempfail, the message is kept" {
	write_procmailrc "$RSPAMC -h 127.0.0.1:$DEAD_PORT --mime --on-error=tempfail"
	run -0 procmail -m "$PROCMAILRC" <"$FIXTURES/ham.eml"
	f=$(the_message "$INBOX")
	assert_kept_body "$f" "$FIXTURES/ham.eml"
	refute_header "$f" X-Spam-Action
}
