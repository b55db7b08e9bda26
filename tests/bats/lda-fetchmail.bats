#!/usr/bin/env bats
# LDA mode as fetchmail's MDA: fetchmail pulls messages from a POP3 server
# (Dovecot on loopback) and pipes each into
#   $RSPAMC -h rspamd --mime --exec "deliver -c conf -d test"
# fetchmail deletes a message on the server only when the MDA exits 0 and
# leaves it there otherwise, so the exit status decides between "delivered
# once", "retried later" and "delivered twice".

bats_require_minimum_version 1.5.0

load helpers
load mail-env

setup_file() {
	start_rspamd
	setup_maildir_env
	start_pop3
	# A privileged port where nothing listens: "connection refused".
	DEAD_PORT=1
	export DEAD_PORT

	# A 230 kB message: more than a pipe buffer on the way to deliver.
	BIG="$BATS_FILE_TMPDIR/big.eml"
	{
		printf 'From: Alice Example <alice@example.org>\n'
		printf 'To: Bob Example <bob@example.net>\n'
		printf 'Subject: The long minutes\n'
		printf 'Date: Mon, 20 Nov 2023 10:00:00 +0000\n'
		printf 'Message-ID: <big-1@example.org>\n'
		printf 'MIME-Version: 1.0\n'
		printf 'Content-Type: text/plain; charset=utf-8\n\n'
		printf 'Hi Bob,\n\nhere are the minutes of the meeting.\n\n'
		for i in $(seq 4000); do
			printf 'Item %d: the committee discussed point %d and agreed.\n' \
				"$i" "$i"
		done
		printf '\nAlice\n'
	} >"$BIG"

	# Ten messages; gtube and spammy are spam (Junk), the rest INBOX.
	MSGS=(ham ham-crlf attachment forged-xspam html no-body utf8-subject
		gtube spammy)
	MESSAGES=
	for m in "${MSGS[@]}"; do
		MESSAGES+="$FIXTURES/$m.eml "
	done
	MESSAGES+=$BIG
	export BIG MESSAGES
}

teardown_file() {
	teardown_maildir_env
	stop_rspamd
}

setup() {
	sandbox_env
	maildir_clear
	pop3_clear
	# shellcheck disable=SC2086
	pop3_load $MESSAGES
	assert_equal "$(pop3_count)" 10
}

# mda PORT [OPTIONS...]: the MDA command line for fetchmail (run by sh).
mda() {
	local port=$1
	shift
	printf "'%s' -h 127.0.0.1:%s --mime %s --exec '%s'" \
		"$RSPAMC" "$port" "$*" "$(deliver_cmd)"
}

# _sums FILE...: sorted checksums of the bodies, CRLF read as LF.
_sums() {
	local f
	for f in "$@"; do
		mail_body "$f" | sed -e 's/\r$//' | cksum
	done | sort
}

# assert_each_once FOLDER...: the messages in the FOLDERs are the ten
# originals, each exactly once, with byte-identical bodies.
assert_each_once() {
	local folder files=()
	for folder in "$@"; do
		mapfile -t -O "${#files[@]}" files < <(maildir_files "$folder")
	done
	# shellcheck disable=SC2086
	assert_equal "$(_sums "${files[@]}")" "$(_sums $MESSAGES)"
}

@test "every message lands exactly once, scanned, body intact; POP3 box emptied" {
	run -0 run_fetchmail "$(mda "$RSPAMD_NORMAL_PORT")"
	assert_equal "$(pop3_count)" 0
	assert_count INBOX 8
	assert_count Junk 2
	assert_each_once INBOX Junk
	for f in $(maildir_files INBOX) $(maildir_files Junk); do
		assert_scanned "$f"
	done
	for f in $(maildir_files Junk); do
		assert_header "$f" X-Spam yes
	done

	# A second poll finds nothing (fetchmail: 1 = no mail).
	run -1 run_fetchmail "$(mda "$RSPAMD_NORMAL_PORT")"
	assert_count INBOX 8
	assert_count Junk 2
}

@test "rspamd down, default policy: every message still lands once, with X-Spam-Error" {
	run -0 run_fetchmail "$(mda "$DEAD_PORT")"
	assert_equal "$(pop3_count)" 0
	assert_count INBOX 10
	assert_count Junk 0
	assert_each_once INBOX
	for f in $(maildir_files INBOX); do
		assert_scan_error "$f"
	done

	# Nothing was left behind to be delivered a second time.
	run -1 run_fetchmail "$(mda "$DEAD_PORT")"
	assert_count INBOX 10
}

@test "rspamd down, tempfail policy: mail stays on the server, then lands once" {
	run run_fetchmail "$(mda "$DEAD_PORT" --on-error=tempfail)"
	assert_equal "$(pop3_count)" 10
	assert_count INBOX 0
	assert_count Junk 0

	# rspamd is back: the retry delivers each message exactly once.
	run -0 run_fetchmail "$(mda "$RSPAMD_NORMAL_PORT" --on-error=tempfail)"
	assert_equal "$(pop3_count)" 0
	assert_count INBOX 8
	assert_count Junk 2
	assert_each_once INBOX Junk
	for f in $(maildir_files INBOX) $(maildir_files Junk); do
		assert_scanned "$f"
	done

	run -1 run_fetchmail "$(mda "$RSPAMD_NORMAL_PORT" --on-error=tempfail)"
	assert_count INBOX 8
	assert_count Junk 2
}
