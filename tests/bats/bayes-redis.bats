#!/usr/bin/env bats
# Bayes on Redis from the command line: rspamc --local --config CONF with
# classifier "bayes" { backend = "redis"; ... } learns into and classifies
# from a real redis-server on loopback (started here, no persistence);
# Redis down; 8 processes learning and classifying at once.

load helpers

# Deterministic mail: spam and ham vocabularies, a seed per message.
SPAM_WORDS="cheap pills casino winner lottery prize money free offer \
discount bitcoin investment loan credit unsubscribe click limited viagra \
pharmacy bonus jackpot guaranteed million urgent claim wire transfer"
HAM_WORDS="meeting tomorrow project report schedule review code patch \
kernel build release notes lunch agenda minutes team draft compiler \
debian package upstream mailing thread commit branch merge test"

# make_msg FILE KIND SEED
make_msg() {
	local words
	[ "$2" = spam ] && words=$SPAM_WORDS || words=$HAM_WORDS
	{
		printf 'From: %s%s@example.com\n' "$2" "$3"
		printf 'To: user@example.org\n'
		printf 'Subject: %s message %s\n' "$2" "$3"
		printf 'Date: Mon, 20 Nov 2023 10:00:00 +0000\n'
		printf 'Message-ID: <%s%s@example.com>\n' "$2" "$3"
		printf 'Content-Type: text/plain; charset=utf-8\n\n'
		awk -v seed="$3" -v words="$words" 'BEGIN {
			srand(seed); n = split(words, w, " ")
			for (l = 0; l < 6; l++) {
				line = ""
				for (i = 0; i < 12; i++)
					line = line w[int(rand() * n) + 1] " "
				print line
			}
			print "reference " seed
		}'
	} >"$1"
}

start_redis_only() {
	local deadline
	REDIS_DIR="$BATS_FILE_TMPDIR/redis"
	mkdir -p "$REDIS_DIR"
	read -r REDIS_PORT DEAD_PORT <<<"$(free_ports 2)"
	"$REDIS_BIN" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' \
		--appendonly no --dir "$REDIS_DIR" --daemonize no \
		--logfile "$REDIS_DIR/redis.log" </dev/null >/dev/null 2>&1 3>&- &
	REDIS_PID=$!
	export REDIS_PORT DEAD_PORT REDIS_PID REDIS_DIR
	deadline=$((SECONDS + 20))
	until _redis_ping "$REDIS_PORT"; do
		kill -0 "$REDIS_PID" 2>/dev/null || return 1
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

setup_file() {
	local i
	start_redis_only
	CORPUS="$BATS_FILE_TMPDIR/corpus"
	export CORPUS
	mkdir -p "$CORPUS"/{spam,ham,conc}
	for i in $(seq 1 15); do
		make_msg "$CORPUS/spam/$i.eml" spam "$i"
		make_msg "$CORPUS/ham/$i.eml" ham "$((i + 100))"
	done
	make_msg "$CORPUS/test-spam.eml" spam 500
	make_msg "$CORPUS/test-ham.eml" ham 600
	for i in $(seq 1 80); do
		if [ $((i % 2)) = 0 ]; then
			make_msg "$CORPUS/conc/$i.eml" spam "$((i + 1000))"
		else
			make_msg "$CORPUS/conc/$i.eml" ham "$((i + 1000))"
		fi
	done
}

teardown_file() {
	_kill_tree "${REDIS_PID:-}"
}

setup() {
	sandbox_env
	CONF="$BATS_TEST_TMPDIR/scanner.conf"
	# Each test its own key prefix: a fresh model on the shared server.
	PREFIX="t${BATS_TEST_NUMBER}"
	write_conf "127.0.0.1:$REDIS_PORT"
}

write_conf() { # SERVERS
	cat >"$CONF" <<EOF
classifier "bayes" {
    backend = "redis";
    servers = "$1";
    prefix = "$PREFIX";
    min_learns = 10;
}
EOF
}

rcli() { redis-cli -p "$REDIS_PORT" "$@"; }

learn_all() {
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" learn_spam \
		"$CORPUS"/spam/*.eml
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" learn_ham \
		"$CORPUS"/ham/*.eml
}

@test "learn_spam and learn_ham store the counts in Redis" {
	learn_all
	run -0 rcli HMGET "$PREFIX:learns" S H
	assert_output "$(printf '15\n15')"
	run -0 rcli HLEN "$PREFIX:digests"
	assert_output 30
	[ "$(rcli --scan --pattern "$PREFIX:t:*" | wc -l)" -gt 50 ]
}

@test "after training, a scan shows BAYES_SPAM on spam and BAYES_HAM on ham" {
	learn_all
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" \
		"$CORPUS/test-spam.eml"
	assert_line --regexp '^Symbol: BAYES_SPAM \([0-9.]+\)\[[0-9.]+%\]$'
	refute_line --partial BAYES_HAM
	[ -z "$stderr" ]
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" \
		"$CORPUS/test-ham.eml"
	assert_line --regexp '^Symbol: BAYES_HAM \(-[0-9.]+\)\[[0-9.]+%\]$'
	refute_line --partial BAYES_SPAM
}

@test "--mime on a trained Redis model shows BAYES_SPAM in X-Spam-Symbols" {
	learn_all
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" --mime \
		"$CORPUS/test-spam.eml"
	# The header is folded: unfold the header block, then look.
	run -0 awk '/^$/ { exit }
		/^[ \t]/ { sub(/^[ \t]+/, " "); h = h $0; next }
		{ if (h != "") print h; h = $0 }
		END { if (h != "") print h }' <<<"$output"
	assert_line --regexp '^X-Spam-Symbols: .*BAYES_SPAM'
}

@test "nothing is classified before min_learns of each class" {
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" learn_spam \
		"$CORPUS"/spam/*.eml
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" \
		"$CORPUS/test-spam.eml"
	refute_line --partial BAYES_
}

@test "learning a message twice is refused; into the other class moves it" {
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" learn_spam \
		"$CORPUS/spam/1.eml"
	run -2 --separate-stderr "$RSPAMC" --local --config "$CONF" learn_spam \
		"$CORPUS/spam/1.eml"
	assert_output --partial 'has been already learned as spam, ignore it'
	[ "$(rcli HGET "$PREFIX:learns" S)" = 1 ]
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" learn_ham \
		"$CORPUS/spam/1.eml"
	run -0 rcli HMGET "$PREFIX:learns" S H
	assert_output "$(printf '\n1')"
}

@test "Redis down: the scan completes without Bayes and says why on stderr" {
	write_conf "127.0.0.1:$DEAD_PORT"
	run -0 --separate-stderr "$RSPAMC" --local --config "$CONF" \
		"$CORPUS/test-spam.eml"
	assert_line --partial 'Action:'
	refute_line --partial BAYES_
	[[ "$stderr" == *"redis '127.0.0.1:$DEAD_PORT': Connection refused"* ]]
}

@test "Redis down: learning exits non-zero with a clear message" {
	write_conf "127.0.0.1:$DEAD_PORT"
	run -1 --separate-stderr "$RSPAMC" --local --config "$CONF" learn_spam \
		"$CORPUS/spam/1.eml"
	[[ "$stderr" == *"bayes: redis '127.0.0.1:$DEAD_PORT': Connection refused" ]]
	[ "$(rcli --scan --pattern "$PREFIX:*" | wc -l)" = 0 ]
}

@test "8 processes learning and classifying at once: counts add up exactly" {
	local pids=() i p bad=0 files
	learn_all # a model to classify with
	for i in $(seq 0 7); do
		(
			for f in $(seq $((i * 10 + 1)) $((i * 10 + 10))); do
				if [ $((f % 2)) = 0 ]; then
					"$RSPAMC" --local --config "$CONF" learn_spam \
						"$CORPUS/conc/$f.eml" >/dev/null || exit 1
				else
					"$RSPAMC" --local --config "$CONF" learn_ham \
						"$CORPUS/conc/$f.eml" >/dev/null || exit 1
				fi
				"$RSPAMC" --local --config "$CONF" \
					"$CORPUS/test-spam.eml" >"$BATS_TEST_TMPDIR/scan.$i.$f" ||
					exit 1
			done
		) &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p" || bad=$((bad + 1))
	done
	[ "$bad" = 0 ]
	run -0 rcli HMGET "$PREFIX:learns" S H
	assert_output "$(printf '55\n55')"
	[ "$(rcli HLEN "$PREFIX:digests")" = 110 ]
	# Every classification during the learning saw a consistent model.
	files=$(grep -L 'Symbol: BAYES_SPAM' "$BATS_TEST_TMPDIR"/scan.* || true)
	[ -z "$files" ]
}
