#!/usr/bin/env bats
# Bayes in the in-process scanner, SQLite store (the default): rspamc
# --local learn_spam / learn_ham / unlearn (forget) into
# $XDG_DATA_HOME/rspamc/bayes.sqlite, then classification in local scans:
# BAYES_SPAM / BAYES_HAM only after min_learns of each class, refusal of a
# second learn (exit 2), relearn, a corrupt or locked file, 8 processes
# learning and classifying at once, and 1,000 messages in one run (group
# commits) while other processes learn.

load helpers

SPAM_WORDS="cheap pills casino winner lottery prize money free offer \
discount bitcoin investment loan credit unsubscribe click limited viagra \
pharmacy bonus jackpot guaranteed million urgent claim wire transfer"
HAM_WORDS="meeting tomorrow project report schedule review code patch \
kernel build release notes lunch agenda minutes team draft compiler \
debian package upstream mailing thread commit branch merge test"

# gen DIR KIND FIRST LAST: messages FIRST..LAST of KIND, one file each.
gen() {
	local words
	[ "$2" = spam ] && words=$SPAM_WORDS || words=$HAM_WORDS
	mkdir -p "$1"
	awk -v dir="$1" -v kind="$2" -v first="$3" -v last="$4" \
		-v words="$words" 'BEGIN {
		n = split(words, w, " ")
		for (s = first; s <= last; s++) {
			srand(s * 7 + (kind == "spam"))
			f = dir "/" s ".eml"
			printf "From: %s%d@%s.example\n", kind, s, kind > f
			printf "To: user@example.org\n" > f
			printf "Subject: %s %s %d\n", w[int(rand() * n) + 1],
				w[int(rand() * n) + 1], s > f
			printf "Message-ID: <%s%d@example.com>\n", kind, s > f
			printf "Content-Type: text/plain; charset=utf-8\n\n" > f
			for (l = 0; l < 6; l++) {
				line = ""
				for (i = 0; i < 12; i++)
					line = line w[int(rand() * n) + 1] " "
				print line > f
			}
			print "reference " kind " " s > f
			close(f)
		}
	}'
}

setup_file() {
	export CORPUS="$BATS_FILE_TMPDIR/corpus"
	gen "$CORPUS/spam" spam 1 200
	gen "$CORPUS/ham" ham 1 200
	gen "$CORPUS/more-ham" ham 201 201
	gen "$CORPUS/conc" spam 1001 1080
	gen "$CORPUS/test" spam 5000 5000
	mv "$CORPUS/test/5000.eml" "$CORPUS/test-spam.eml"
	gen "$CORPUS/test" ham 6000 6000
	mv "$CORPUS/test/6000.eml" "$CORPUS/test-ham.eml"
}

setup() {
	sandbox_env
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/data"
	DB="$XDG_DATA_HOME/rspamc/bayes.sqlite"
}

# totals: "SPAM HAM" learned messages in the store.
totals() {
	"$PYTHON" - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
t = dict(c.execute("SELECT class, messages FROM totals"))
print(t.get(1, 0), t.get(2, 0))
EOF
}

# symbols_header: the X-Spam-Symbols header of $output, unfolded.
symbols_header() {
	printf '%s\n' "$output" |
		awk '/^[ \t]/ { if (h) printf " %s", $0; next }
		     { if (h) print ""; h = /^X-Spam-Symbols:/; if (h) printf "%s", $0 }
		     END { if (h) print "" }'
}

learn_all() {
	run -0 --separate-stderr "$RSPAMC" --local learn_spam "$CORPUS/spam"
	[ "$(grep -c '^success = true;$' <<<"$output")" = 200 ]
	run -0 --separate-stderr "$RSPAMC" --local learn_ham "$CORPUS/ham"
	[ "$(grep -c '^success = true;$' <<<"$output")" = 200 ]
}

@test "bayes: learn_spam / learn_ham create the store under XDG_DATA_HOME" {
	learn_all
	[ -f "$DB" ]
	run -0 totals
	assert_output "200 200"
	run -0 "$PYTHON" -c "import sqlite3; print(sqlite3.connect('$DB').execute('PRAGMA journal_mode').fetchone()[0])"
	assert_output wal
}

@test "bayes: the default store is ~/.local/share/rspamc without XDG_DATA_HOME" {
	unset XDG_DATA_HOME
	run -0 --separate-stderr "$RSPAMC" --local learn_ham "$CORPUS/ham/1.eml"
	assert_line 'success = true;'
	[ -f "$HOME/.local/share/rspamc/bayes.sqlite" ]
}

@test "bayes: --mime after training shows BAYES_SPAM / BAYES_HAM in X-Spam-Symbols" {
	learn_all
	run -0 --separate-stderr "$RSPAMC" --local --mime "$CORPUS/test-spam.eml"
	[[ "$(symbols_header)" == "X-Spam-Symbols: "*BAYES_SPAM,* ]]
	refute_line --partial BAYES_HAM
	[ -z "$stderr" ]
	run -0 --separate-stderr "$RSPAMC" --local --mime "$CORPUS/test-ham.eml"
	[[ "$(symbols_header)" == "X-Spam-Symbols: "*BAYES_HAM,* ]]
	refute_line --partial BAYES_SPAM
	run -0 --separate-stderr "$RSPAMC" --local "$CORPUS/test-spam.eml"
	assert_line --regexp '^Symbol: BAYES_SPAM \(5\.[0-9]+\)\[[0-9]+\.[0-9][0-9]%\]$'
	run -0 --separate-stderr "$RSPAMC" --local "$CORPUS/test-ham.eml"
	assert_line --regexp '^Symbol: BAYES_HAM \(-[0-9.]+\)\[[0-9]+\.[0-9][0-9]%\]$'
}

@test "bayes: nothing is added below min_learns (200) of each class" {
	run -0 --separate-stderr "$RSPAMC" --local learn_spam "$CORPUS/spam"
	run -0 --separate-stderr "$RSPAMC" --local learn_ham \
		$(ls "$CORPUS"/ham/*.eml | head -199)
	run -0 totals
	assert_output "200 199"
	run -0 --separate-stderr "$RSPAMC" --local "$CORPUS/test-spam.eml"
	refute_line --partial BAYES_
	# the 200th ham message: now both classes have enough
	run -0 --separate-stderr "$RSPAMC" --local learn_ham "$CORPUS/more-ham/201.eml"
	run -0 --separate-stderr "$RSPAMC" --local "$CORPUS/test-spam.eml"
	assert_line --partial 'Symbol: BAYES_SPAM'
}

@test "bayes: min_learns is configurable" {
	printf 'classifier "bayes" { min_learns = 5; }\n' >"$BATS_TEST_TMPDIR/c.conf"
	run -0 --separate-stderr "$RSPAMC" --local learn_spam \
		$(ls "$CORPUS"/spam/*.eml | head -5)
	run -0 --separate-stderr "$RSPAMC" --local learn_ham \
		$(ls "$CORPUS"/ham/*.eml | head -5)
	run -0 --separate-stderr "$RSPAMC" --local "$CORPUS/test-spam.eml"
	refute_line --partial BAYES_
	run -0 --separate-stderr "$RSPAMC" --local --config "$BATS_TEST_TMPDIR/c.conf" \
		"$CORPUS/test-spam.eml"
	assert_line --partial 'Symbol: BAYES_SPAM'
}

@test "bayes: learning twice is refused with exit 2; the other class moves it" {
	run -0 --separate-stderr "$RSPAMC" --local learn_spam "$CORPUS/spam/1.eml"
	assert_line 'success = true;'
	run -2 --separate-stderr "$RSPAMC" --local learn_spam "$CORPUS/spam/1.eml"
	assert_line 'error = "<spam1@example.com> has been already learned as spam, ignore it";'
	[[ "$stderr" == *"already learned as spam"* ]]
	run -0 totals
	assert_output "1 0"
	run -0 --separate-stderr "$RSPAMC" --local learn_ham "$CORPUS/spam/1.eml"
	assert_line 'success = true;'
	run -0 totals
	assert_output "0 1"
	# a refusal among successes still exits 2; a failure exits 1
	run -2 --separate-stderr "$RSPAMC" --local learn_ham "$CORPUS/spam/1.eml" \
		"$CORPUS/spam/2.eml"
	run -1 --separate-stderr "$RSPAMC" --local learn_ham "$CORPUS/spam/3.eml" \
		"$CORPUS/nonexistent.eml"
}

@test "bayes: unlearn (and its alias forget) removes a message" {
	run -0 --separate-stderr "$RSPAMC" --local learn_spam "$CORPUS/spam/1.eml" \
		"$CORPUS/spam/2.eml"
	run -0 --separate-stderr "$RSPAMC" --local unlearn "$CORPUS/spam/1.eml"
	assert_line 'success = true;'
	run -0 totals
	assert_output "1 0"
	run -0 --separate-stderr "$RSPAMC" --local forget "$CORPUS/spam/2.eml"
	run -0 totals
	assert_output "0 0"
	run -2 --separate-stderr "$RSPAMC" --local forget "$CORPUS/spam/2.eml"
	assert_line --partial 'has not been learned'
	run -0 "$PYTHON" -c "import sqlite3; print(sqlite3.connect('$DB').execute('SELECT count(*) FROM buckets').fetchone()[0])"
	assert_output 0
}

@test "bayes: unlearn without --local is refused (rspamd has no such endpoint)" {
	run -1 --separate-stderr "$RSPAMC" -h 127.0.0.1:1 unlearn "$CORPUS/spam/1.eml"
	[[ "$stderr" == *"unlearn command needs --local"* ]]
}

@test "bayes: a corrupt store: the scan completes without Bayes, learning fails" {
	mkdir -p "$XDG_DATA_HOME/rspamc"
	head -c 20000 /dev/urandom >"$DB"
	run -0 --separate-stderr "$RSPAMC" --local "$CORPUS/test-spam.eml"
	assert_line --partial 'Action:'
	refute_line --partial BAYES_
	[[ "$stderr" == *"bayes: sqlite '$DB': file is not a database"* ]]
	run -1 --separate-stderr "$RSPAMC" --local learn_spam "$CORPUS/spam/1.eml"
	[[ "$stderr$output" == *"file is not a database"* ]]
}

@test "bayes: a locked store: the scan completes and says why" {
	learn_all
	printf 'classifier "bayes" { busy_timeout = 0.2; }\n' >"$BATS_TEST_TMPDIR/c.conf"
	"$PYTHON" - "$DB" "$BATS_TEST_TMPDIR/locked" <<'EOF' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA locking_mode = EXCLUSIVE")
c.execute("BEGIN EXCLUSIVE")
c.execute("UPDATE totals SET messages = messages WHERE class = 1")
open(sys.argv[2], "w").close()
time.sleep(5)
EOF
	local locker=$! i
	for i in $(seq 50); do [ -f "$BATS_TEST_TMPDIR/locked" ] && break; sleep 0.1; done
	run -0 --separate-stderr "$RSPAMC" --local --config "$BATS_TEST_TMPDIR/c.conf" \
		"$CORPUS/test-spam.eml"
	assert_line --partial 'Action:'
	refute_line --partial BAYES_
	[[ "$stderr" == *"bayes: sqlite '$DB': database is locked"* ]]
	run -1 --separate-stderr "$RSPAMC" --local --config "$BATS_TEST_TMPDIR/c.conf" \
		learn_spam "$CORPUS/conc/1001.eml"
	[[ "$stderr$output" == *"database is locked"* ]]
	kill "$locker" 2>/dev/null || true
	wait "$locker" 2>/dev/null || true
	run -0 totals
	assert_output "200 200"
}

@test "bayes: 8 processes learning and classifying at once: counts add up exactly" {
	local pids=() i p rc bad=0
	learn_all
	for i in $(seq 0 7); do
		(
			for f in $(seq $((1001 + i * 10)) $((1010 + i * 10))); do
				if [ $((f % 2)) = 0 ]; then
					"$RSPAMC" --local learn_spam "$CORPUS/conc/$f.eml" \
						>/dev/null || { echo "learn $f failed" >&2; exit 1; }
				else
					"$RSPAMC" --local learn_ham "$CORPUS/conc/$f.eml" \
						>/dev/null || { echo "learn $f failed" >&2; exit 1; }
				fi
				"$RSPAMC" --local "$CORPUS/test-spam.eml" \
					>"$BATS_TEST_TMPDIR/scan.$i.$f" 2>&1 || exit 1
				grep -q 'Symbol: BAYES_SPAM' "$BATS_TEST_TMPDIR/scan.$i.$f" ||
					{ echo "no BAYES_SPAM in scan.$i.$f" >&2; exit 1; }
			done
			# its first message again: refused, exit 2
			rc=0
			"$RSPAMC" --local learn_ham "$CORPUS/conc/$((1001 + i * 10)).eml" \
				>/dev/null 2>&1 || rc=$?
			[ "$rc" = 2 ] || { echo "learning again gave $rc, not 2" >&2; exit 1; }
		) 2>"$BATS_TEST_TMPDIR/err.$i" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p" || bad=$((bad + 1))
	done
	cat "$BATS_TEST_TMPDIR"/err.*
	[ "$bad" = 0 ]
	run -0 totals
	assert_output "240 240"
	run -0 "$PYTHON" -c "import sqlite3; print(sqlite3.connect('$DB').execute('SELECT count(*) FROM learned').fetchone()[0])"
	assert_output 480
}

@test "bayes: the same message twice in one run: learned once, then refused" {
	run -2 --separate-stderr "$RSPAMC" --local learn_spam "$CORPUS/spam/1.eml" \
		"$CORPUS/spam/2.eml" "$CORPUS/spam/1.eml"
	[ "$(grep -c '^success = true;$' <<<"$output")" = 2 ]
	assert_line 'error = "<spam1@example.com> has been already learned as spam, ignore it";'
	# the replies keep the order of the files
	[ "$(grep '^Results for file:' <<<"$output" | sed 's/ (.*//')" = \
	  "$(printf 'Results for file: %s\n' "$CORPUS/spam/1.eml" "$CORPUS/spam/2.eml" "$CORPUS/spam/1.eml")" ]
	run -0 totals
	assert_output "2 0"
}

@test "bayes: 1,000 messages learned in one process, others learning meanwhile" {
	local dir="$BATS_TEST_TMPDIR/thousand" start end pid i bad=0
	gen "$dir" spam 10001 11000
	gen "$dir/../side" ham 20001 20005
	start=$(date +%s.%N)
	"$RSPAMC" --local learn_spam "$dir" >"$BATS_TEST_TMPDIR/big.out" \
		2>"$BATS_TEST_TMPDIR/big.err" &
	pid=$!
	# other processes get the lock between the big run's commits
	for i in 20001 20002 20003 20004 20005; do
		"$RSPAMC" --local learn_ham "$BATS_TEST_TMPDIR/side/$i.eml" \
			>/dev/null || bad=$((bad + 1))
	done
	wait "$pid"
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" \
		'BEGIN { printf "# 1,000 messages (5 other learns meanwhile): %.2f s\n", e - s }' >&3
	cat "$BATS_TEST_TMPDIR/big.err"
	[ "$bad" = 0 ]
	[ "$(grep -c '^success = true;$' "$BATS_TEST_TMPDIR/big.out")" = 1000 ]
	[ "$(grep -c '^Results for file:' "$BATS_TEST_TMPDIR/big.out")" = 1000 ]
	run -0 totals
	assert_output "1000 5"
	run -0 "$PYTHON" -c "import sqlite3; c = sqlite3.connect('$DB'); print(c.execute('SELECT count(*), sum(class = 1) FROM learned').fetchone())"
	assert_output "(1005, 1000)"
}
