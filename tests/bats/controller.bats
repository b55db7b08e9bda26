#!/usr/bin/env bats
# controller.bats: the controller commands (learn_*, fuzzy_*, stat,
# counters, uptime) of our rspamc against the real rspamd 3.4 controller,
# compared with the real rspamc 3.4 where the output is deterministic.
#
# The test controller has an empty secure_ip (helpers.bash), so every
# command, even from 127.0.0.1, needs the password: -P "$RSPAMD_PASSWORD".
# The last test restarts rspamd with loopback in secure_ip, the stock
# Debian set-up.

bats_require_minimum_version 1.5.0

load helpers
load cli-helpers

setup_file() {
	start_rspamd
}

teardown_file() {
	stop_rspamd
}

setup() {
	sandbox_env
	cd "$FIXTURES" || return 1
	CONTROLLER="127.0.0.1:$RSPAMD_CONTROLLER_PORT"
	NORMAL="127.0.0.1:$RSPAMD_NORMAL_PORT"
	PW=(-P "$RSPAMD_PASSWORD")
}

teardown() {
	stop_fake
	# the last test's own rspamd (see there)
	if [ -n "${OWN_RSPAMD:-}" ]; then
		stop_rspamd
	fi
}

# variant SRC N: a copy of fixture SRC with its own Message-ID and a
# distinct last body line, in the test's tmp dir; prints its path.  rspamd
# knows a learned message by its text parts, so SRC must be a text/plain
# fixture (a line after an HTML or multipart body does not count).
variant() {
	local src=$1 n=$2 out="$BATS_TEST_TMPDIR/v$2-${1##*/}"
	sed -e "s/^Message-ID: <\\([^@]*\\)@/Message-ID: <\\1-v$n-$$-$RANDOM@/" \
		-e "\$a\\
variant number $n of $$ $RANDOM" "$src" >"$out"
	echo "$out"
}

# mask_numbers: every number becomes N (stat values move all the time).
mask_numbers() {
	sed -E 's/[0-9]+(\.[0-9]+)?/N/g'
}

@test "controller: learn_spam prints the reply as UCL; learning again gives the 208 error, exit 0" {
	local m
	m=$(variant ham.eml 1)
	cd "$BATS_TEST_TMPDIR"
	m=${m##*/}
	run -0 --separate-stderr "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" learn_spam "$m"
	assert_line --index 0 --regexp "^Results for file: $m \\([0-9.]+ seconds\\)\$"
	assert_line --index 1 'success = true;'
	assert_line --index 2 "filename = \"$m\";"
	assert_line --index 3 --regexp '^scan_time = [0-9.]+;$'
	[ "${lines[4]:-}" = "" ]
	[ "$(printf '%s\n' "$output" | wc -l)" -ge 4 ]
	# again: already learned (HTTP 208), printed as error = "...", exit 0
	run_pair -- -h "$CONTROLLER" "${PW[@]}" learn_spam "$m"
	pair_same
	[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
	grep -qE '^error = ".*has been already learned as spam, ignore it";$' \
		"$PAIR_DIR/ours.out"
}

@test "controller: learn_ham, and relearning a spam as ham" {
	local m
	m=$(variant ham.eml 2)
	cd "$BATS_TEST_TMPDIR"
	m=${m##*/}
	run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" learn_ham "$m"
	assert_line --index 1 'success = true;'
	run_pair -- -h "$CONTROLLER" "${PW[@]}" learn_ham "$m"
	pair_same
	grep -qE '^error = ".*already learned as ham' "$PAIR_DIR/ours.out"
	run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" learn_spam "$m"
	assert_line --index 1 'success = true;'
}

@test "controller: learn output equals the real rspamc's (-j, --ucl, --compact)" {
	local mode n=10 m1 m2
	for mode in "" -j --ucl --compact; do
		n=$((n + 1))
		m1=$(variant "$FIXTURES/ham.eml" $n)
		cp "$m1" "$m1.real"
		# the same name for both: the real one learns a copy with the
		# same content in a subdirectory of its own
		mkdir -p "$BATS_TEST_TMPDIR/ours$n" "$BATS_TEST_TMPDIR/real$n"
		mv "$m1" "$BATS_TEST_TMPDIR/ours$n/msg.eml"
		# Bayes knows a message by its text: the real one gets its own
		printf 'the copy for the real rspamc\n' >>"$m1.real"
		mv "$m1.real" "$BATS_TEST_TMPDIR/real$n/msg.eml"
		cd "$BATS_TEST_TMPDIR/ours$n"
		run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" $mode learn_ham msg.eml
		normalise <<<"$output" >"$BATS_TEST_TMPDIR/ours$n.norm"
		cd "$BATS_TEST_TMPDIR/real$n"
		run -0 "$REAL_RSPAMC" -h "$CONTROLLER" "${PW[@]}" $mode learn_ham msg.eml
		normalise <<<"$output" >"$BATS_TEST_TMPDIR/real$n.norm"
		diff -u "$BATS_TEST_TMPDIR/real$n.norm" "$BATS_TEST_TMPDIR/ours$n.norm"
	done
}

@test "controller: a privileged command without a password or with a wrong one: 401, exit 1" {
	run_pair -- -h "$CONTROLLER" learn_spam spammy.eml
	pair_same
	[ "$(cat "$PAIR_DIR/ours.rc")" = 1 ]
	grep -qx 'HTTP error: 401, Unauthorized' "$PAIR_DIR/ours.out"
	run_pair -- -h "$CONTROLLER" -P wrong-password learn_spam spammy.eml
	pair_same
	[ "$(cat "$PAIR_DIR/ours.rc")" = 1 ]
	# with an empty secure_ip even stat and uptime need it
	run_pair -- -h "$CONTROLLER" stat
	pair_same
	run_pair -- -h "$CONTROLLER" -P wrong-password uptime
	pair_same
	grep -qx 'HTTP error: 401, Unauthorized' "$PAIR_DIR/ours.out"
}

@test "controller: a controller command sent to the normal worker: HTTP 500" {
	run_pair -- -h "$NORMAL" "${PW[@]}" stat
	pair_same
	[ "$(cat "$PAIR_DIR/ours.rc")" = 1 ]
	run_pair -- -h "$NORMAL" "${PW[@]}" learn_ham ham.eml
	pair_same
}

@test "controller: stat shows Messages learned and Statfile lines; learns are counted" {
	run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" stat
	assert_line --index 0 --regexp '^Results for command: stat \([0-9.]+ seconds\)$'
	assert_line --regexp '^Messages scanned: [0-9]+$'
	assert_line --regexp '^Messages learned: [0-9]+$'
	assert_line --regexp '^Connections count: [0-9]+$'
	assert_line --regexp '^Control connections count: [0-9]+$'
	assert_line --regexp '^Statfile: BAYES_SPAM type: redis; length: [0-9]+; free blocks: [0-9]+; total blocks: [0-9]+; free: [0-9.]+%; learned: [0-9]+; users: [0-9]+; languages: [0-9]+$'
	assert_line --regexp '^Statfile: BAYES_HAM type: redis;'
	assert_line --regexp '^Total learns: [0-9]+$'
	local before after m
	before=$(sed -n 's/^Messages learned: //p' <<<"$output")
	m=$(variant ham.eml 30)
	run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" learn_ham "$m"
	assert_line --index 1 'success = true;'
	run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" stat
	after=$(sed -n 's/^Messages learned: //p' <<<"$output")
	echo "learned before $before, after $after"
	[ "$after" -gt "$before" ]
}

@test "controller: stat, stat -j, stat --ucl equal the real rspamc's (numbers masked)" {
	local mode
	for mode in "" -j --ucl --compact; do
		run_pair -- -h "$CONTROLLER" "${PW[@]}" $mode stat
		mask_numbers <"$PAIR_DIR/real.norm" >"$PAIR_DIR/real.masked"
		mask_numbers <"$PAIR_DIR/ours.norm" >"$PAIR_DIR/ours.masked"
		diff -u "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked"
		[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
	done
}

@test "controller: stat_reset prints the values before the reset" {
	local m
	m=$(variant ham.eml 40)
	run -0 "$RSPAMC" -h "$NORMAL" "$m"
	run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" stat_reset
	assert_line --index 0 --regexp '^Results for command: stat_reset \('
	local scanned
	scanned=$(sed -n 's/^Messages scanned: //p' <<<"$output")
	[ "$scanned" -ge 1 ]
	run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" stat
	assert_line 'Messages scanned: 0'
}

# counters: the Frequency column is hits per minute over time, masked.
mask_counters() {
	awk -F'|' 'BEGIN { OFS = "|" }
		NF == 7 && $2 !~ /Pri/ && $5 !~ /hits\/min|Frequency/ { $5 = "F" }
		{ print }'
}

@test "controller: counters equals the real rspamc's table (frequencies masked)" {
	run_pair -- -h "$CONTROLLER" "${PW[@]}" counters
	[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
	sed -n 2p "$PAIR_DIR/ours.out" | grep -qx 'Symbols cache'
	grep -q '^| Pri  | Symbol ' "$PAIR_DIR/ours.out"
	mask_counters <"$PAIR_DIR/real.norm" >"$PAIR_DIR/real.masked"
	mask_counters <"$PAIR_DIR/ours.norm" >"$PAIR_DIR/ours.masked"
	diff -u "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked" | head -40
	cmp -s "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked"
}

@test "controller: counters --sort and -j/--ucl equal the real rspamc's" {
	local mode
	for mode in "--sort name:asc" "--sort hits" "--sort weight" -j --ucl; do
		run_pair -- -h "$CONTROLLER" "${PW[@]}" $mode counters
		mask_counters <"$PAIR_DIR/real.norm" |
			sed -E 's/("frequency"|frequency =|"time"|time =|"stddev"|stddev =)(: | )?[-0-9.e+]+/\1 F/' \
			>"$PAIR_DIR/real.masked"
		mask_counters <"$PAIR_DIR/ours.norm" |
			sed -E 's/("frequency"|frequency =|"time"|time =|"stddev"|stddev =)(: | )?[-0-9.e+]+/\1 F/' \
			>"$PAIR_DIR/ours.masked"
		diff -u "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked" | head -40
		cmp -s "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked"
	done
}

@test "controller: uptime equals the real rspamc's (3.4's literal %s kept), seconds masked" {
	run_pair -- -h "$CONTROLLER" "${PW[@]}" uptime
	[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
	sed -n 2p "$PAIR_DIR/ours.out" | grep -qx 'Rspamd version: %s'
	grep -qE '^Uptime: ' "$PAIR_DIR/ours.out"
	mask_numbers <"$PAIR_DIR/real.norm" >"$PAIR_DIR/real.masked"
	mask_numbers <"$PAIR_DIR/ours.norm" >"$PAIR_DIR/ours.masked"
	diff -u "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked"
	run_pair -- -h "$CONTROLLER" "${PW[@]}" -j uptime
	mask_numbers <"$PAIR_DIR/real.norm" >"$PAIR_DIR/real.masked"
	mask_numbers <"$PAIR_DIR/ours.norm" >"$PAIR_DIR/ours.masked"
	diff -u "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked"
	run_pair -- -h "$CONTROLLER" "${PW[@]}" --ucl uptime
	mask_numbers <"$PAIR_DIR/real.norm" >"$PAIR_DIR/real.masked"
	mask_numbers <"$PAIR_DIR/ours.norm" >"$PAIR_DIR/ours.masked"
	diff -u "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked"
}

@test "controller: fuzzy_add then fuzzy_del succeed, same output as the real rspamc" {
	local m
	m=$(variant ham.eml 50)
	cd "$BATS_TEST_TMPDIR"
	m=${m##*/}
	run_pair -- -h "$CONTROLLER" "${PW[@]}" -w 10 -f 1 fuzzy_add "$m"
	pair_same
	[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
	grep -qx 'success = true;' "$PAIR_DIR/ours.out"
	grep -qE '^hashes \[$' "$PAIR_DIR/ours.out"
	run_pair -- -h "$CONTROLLER" "${PW[@]}" -f 1 fuzzy_del "$m"
	pair_same
	[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
	grep -qx 'success = true;' "$PAIR_DIR/ours.out"
}

@test "controller: fuzzy_delhash with a hash from fuzzy_add" {
	local m hash
	m=$(variant ham.eml 60)
	run -0 "$RSPAMC" -h "$CONTROLLER" "${PW[@]}" -j -w 10 -f 1 fuzzy_add "$m"
	hash=$(jq -r '.hashes[0]' <<<"$output")
	[ -n "$hash" ] && [ "$hash" != null ]
	run_pair -- -h "$CONTROLLER" "${PW[@]}" -f 1 fuzzy_delhash "$hash"
	pair_same
	[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
}

# Run last: it replaces the suite's rspamd by one whose controller trusts
# loopback (secure_ip = 127.0.0.1, ::1), as the stock Debian config does.
@test "controller: loopback in secure_ip: no password needed, a wrong one is ignored" {
	stop_rspamd
	OWN_RSPAMD=1
	RSPAMD_SECURE_IP=1 start_rspamd
	CONTROLLER="127.0.0.1:$RSPAMD_CONTROLLER_PORT"
	local m
	m=$(variant ham.eml 70)
	run -0 "$RSPAMC" -h "$CONTROLLER" learn_spam "$m"
	assert_line --index 1 'success = true;'
	m=$(variant ham.eml 71)
	run -0 "$RSPAMC" -h "$CONTROLLER" -P wrong-password learn_spam "$m"
	assert_line --index 1 'success = true;'
	run_pair -- -h "$CONTROLLER" stat
	[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
	run_pair -- -h "$CONTROLLER" -P wrong-password uptime
	[ "$(cat "$PAIR_DIR/ours.rc")" = 0 ]
	mask_numbers <"$PAIR_DIR/real.norm" >"$PAIR_DIR/real.masked"
	mask_numbers <"$PAIR_DIR/ours.norm" >"$PAIR_DIR/ours.masked"
	diff -u "$PAIR_DIR/real.masked" "$PAIR_DIR/ours.masked"
}
