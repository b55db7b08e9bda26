#!/usr/bin/env bats
# cli.bats: command-line behaviour of our rspamc, mostly against the fault-
# injection fake (tests/fake-rspamd.py), which logs every raw request, or
# with no server at all.  Expected texts are rspamc 3.4's (see the
# reference) unless marked as ours.

bats_require_minimum_version 1.5.0

load helpers
load cli-helpers

setup() {
	sandbox_env
	cd "$FIXTURES" || return 1
	unset RSPAMC_PASSWORD
}

teardown() {
	stop_forwarder
	stop_fake
}

fake() {
	echo "127.0.0.1:$FAKE_PORT"
}

# ---- options ---------------------------------------------------------------

@test "cli: --help exits 0 and lists every rspamc 3.4 option" {
	run -0 --separate-stderr "$RSPAMC" --help
	local o
	for o in connect password classifier weight flag pass-all verbose ip \
		user deliver from rcpt helo hostname timeout bind commands json \
		compact headers raw ucl max-requests extended-urls key exec mime \
		header exclude sort empty fuzzy-symbol compressed profile \
		dictionary skip-images skip-attachments user-agent; do
		[[ "$output" == *"--$o"* ]] || { echo "--$o missing from --help"; false; }
	done
	for o in h P c w f p v i u d F r t b j n e m E S z D U; do
		[[ "$output" == *"-$o, --"* ]] || { echo "-$o missing from --help"; false; }
	done
	# and ours
	for o in queue-id log-tag settings settings-id files-list password-file \
		on-error max-size dead-time max-errors version; do
		[[ "$output" == *"--$o"* ]] || { echo "--$o missing from --help"; false; }
	done
	run -0 "$RSPAMC" -?
}

@test "cli: --commands lists the commands and exits 0" {
	run -0 --separate-stderr "$RSPAMC" --commands
	assert_line --index 0 'Rspamc commands summary:'
	assert_line --regexp '^ +symbols \(normal  \)'$'\t''scan message and show symbols'
	assert_line --regexp '^ +learn_spam \(control\*\)'
	assert_line --regexp '^ +uptime \(control \)'
	assert_line 'control commands use port 11334 while normal use 11333 by default (see -h option)'
	[ -z "$stderr" ]
}

@test "cli: --version (ours) exits 0" {
	run -0 "$RSPAMC" --version
	assert_output --partial 'rspamc'
}

@test "cli: an unknown option: exit 1, 'option parsing failed' on stderr" {
	run -1 --separate-stderr "$RSPAMC" --bogus ham.eml
	[ -z "$output" ]
	[[ "$stderr" == "rspamc: option parsing failed"* ]]
	[[ "$stderr" == *bogus* ]]
}

@test "cli: bad option values: -w abc, -t abc, -n x, missing argument" {
	run -1 --separate-stderr "$RSPAMC" -w abc ham.eml
	[[ "$stderr" == "rspamc: option parsing failed"* ]]
	run -1 --separate-stderr "$RSPAMC" -t abc ham.eml
	[[ "$stderr" == "rspamc: option parsing failed"* ]]
	run -1 --separate-stderr "$RSPAMC" -n x ham.eml
	[[ "$stderr" == "rspamc: option parsing failed"* ]]
	run -1 --separate-stderr "$RSPAMC" ham.eml -h
	[[ "$stderr" == "rspamc: option parsing failed"* ]]
	[ -z "$output" ]
}

@test "cli: options after the file names are parsed; -- ends them" {
	start_fake canned
	run -0 "$RSPAMC" ham.eml -h "$(fake)" -j
	assert_output --partial '"action": "no action"'
	cp ham.eml "$BATS_TEST_TMPDIR/-j"
	cd "$BATS_TEST_TMPDIR"
	run -0 "$RSPAMC" -h "$(fake)" -- -j
	assert_line --index 0 --regexp '^Results for file: -j \('
}

# ---- commands and files ----------------------------------------------------

@test "cli: an unknown command word is a file: cannot stat, exit 1" {
	start_fake canned
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" bogus_command
	[[ "$stderr" == *"cannot stat"* ]]
	[[ "$stderr" == *bogus_command* ]]
	# nothing was sent
	[ "$(fake_count)" = 0 ]
	# 3.4 had no learn_class without a class: same
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" learn_class ham.eml
	[[ "$stderr" == *"cannot stat"*learn_class* ]]
}

@test "cli: command names are case-insensitive; check and report are symbols" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" SYMBOLS ham.eml
	run -0 "$RSPAMC" -h "$(fake)" check ham.eml
	run -0 "$RSPAMC" -h "$(fake)" report ham.eml
	wait_fake_requests 3
	local i
	for i in 1 2 3; do
		[ "$(fake_head $i | head -n 1)" = 'POST /checkv2 HTTP/1.0' ]
	done
}

@test "cli: a missing file among good ones: the others are scanned, exit 1" {
	start_fake canned
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" -n 1 ham.eml \
		no-such-file.eml gtube.eml
	[ "$(grep -c '^Results for file: ' <<<"$output")" = 2 ]
	assert_line --regexp '^Results for file: ham.eml \('
	assert_line --regexp '^Results for file: gtube.eml \('
	[[ "$stderr" == *no-such-file.eml* ]]
	[ "$(fake_count)" = 2 ]
}

@test "cli: an unreadable file is reported, the rest scanned, exit 1" {
	[ "$(id -u)" != 0 ] || skip "root reads every file"
	start_fake canned
	cp ham.eml "$BATS_TEST_TMPDIR/secret.eml"
	chmod 000 "$BATS_TEST_TMPDIR/secret.eml"
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" \
		"$BATS_TEST_TMPDIR/secret.eml" ham.eml
	[[ "$stderr" == *secret.eml* ]]
	assert_line --regexp '^Results for file: ham.eml \('
}

@test "cli: stdin is a directory: clear error, exit 1, no hang" {
	start_fake canned
	run -1 --separate-stderr timeout 10 "$RSPAMC" -h "$(fake)" </
	[ -n "$stderr" ]
	[[ "$stderr" == *stdin* ]]
}

@test "cli: empty stdin sends GET /checkv2, Content-Length: 0, Filename: stdin" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" </dev/null
	assert_line --index 0 --regexp '^Results for file: stdin \('
	wait_fake_requests 1
	[ "$(fake_head 1 | head -n 1)" = 'GET /checkv2 HTTP/1.0' ]
	fake_head 1 | grep -qx 'Content-Length: 0'
	fake_head 1 | grep -qx 'Filename: stdin'
	! fake_head 1 | grep -qi '^Content-Type:'
}

@test "cli: a message on stdin is POSTed unchanged with Filename: stdin" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" <ham-crlf.eml
	wait_fake_requests 1
	[ "$(fake_head 1 | head -n 1)" = 'POST /checkv2 HTTP/1.0' ]
	fake_head 1 | grep -qx 'Filename: stdin'
	fake_head 1 | grep -qx "Content-Length: $(wc -c <ham-crlf.eml)"
	cmp <(fake_body 1) ham-crlf.eml
}

@test "cli: -E sends GET with Filename: empty and does not read stdin" {
	start_fake canned
	# stdin is a pipe that never ends: reading it would hang
	run -0 timeout 10 "$RSPAMC" -h "$(fake)" -E < <(sleep 30)
	assert_line --index 0 --regexp '^Results for file: empty \('
	[ "$(fake_head 1 | head -n 1)" = 'GET /checkv2 HTTP/1.0' ]
	fake_head 1 | grep -qx 'Filename: empty'
	fake_head 1 | grep -qx 'Content-Length: 0'
	fake_head 1 | grep -qx 'Flags: body_block'
}

@test "cli: the default request: headers and body (req-default-file)" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" ham.eml
	local head
	head=$(fake_head 1)
	[ "$(head -n 1 <<<"$head")" = 'POST /checkv2 HTTP/1.0' ]
	grep -qx "Content-Length: $(wc -c <ham.eml)" <<<"$head"
	grep -qx 'Connection: close' <<<"$head"
	grep -qx 'Content-Type: text/plain' <<<"$head"
	grep -qx 'User-Agent: rspamc' <<<"$head"
	grep -qx 'Filename: ham.eml' <<<"$head"
	grep -qx 'Flags: body_block' <<<"$head"
	! grep -qi '^Host:' <<<"$head"
	! grep -qi '^Expect:' <<<"$head"
	! grep -qi '^Transfer-Encoding:' <<<"$head"
	cmp <(fake_body 1) ham.eml
	# the first header is Content-Length, as in 3.4
	[ "$(sed -n 2p <<<"$head")" = "Content-Length: $(wc -c <ham.eml)" ]
}

# ---- failures --------------------------------------------------------------

@test "cli: server down: 'IO write error: Connection refused' on stdout, exit 1" {
	run -1 --separate-stderr "$RSPAMC" -h 127.0.0.1:1 ham.eml
	assert_line --index 0 --regexp '^Results for file: ham.eml \('
	assert_line --index 1 'IO write error: Connection refused'
	[[ "$stderr" == *ham.eml* ]]
	[[ "$stderr" == *127.0.0.1:1* ]]
}

@test "cli: HTTP 500: 'HTTP error: 500, Internal Server Error', exit 1; -j echoes the body" {
	start_fake status500
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" ham.eml
	assert_line --index 1 'HTTP error: 500, Internal Server Error'
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" -j ham.eml
	assert_line --index 0 'HTTP error: 500, Internal Server Error'
	assert_line --index 1 '{"error":"fake internal error"}'
}

@test "cli: HTTP 401: 'HTTP error: 401, Unauthorized', exit 1" {
	start_fake status401
	run -1 "$RSPAMC" -h "$(fake)" ham.eml
	assert_line 'HTTP error: 401, Unauthorized'
}

@test "cli: a reply that is not JSON: error, exit 1" {
	start_fake notjson
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" ham.eml
	assert_line --index 0 --regexp '^Results for file: ham.eml \('
	[ "${#lines[@]}" -ge 2 ]
	[ -n "$stderr" ]
	start_fake notobject
	run -1 "$RSPAMC" -h "$(fake)" ham.eml
}

@test "cli: an empty 200 reply: clear error, exit 1 (3.4 crashed)" {
	start_fake empty200
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" ham.eml
	[ "${#lines[@]}" -ge 2 ]
	[[ "$stderr" == *ham.eml* ]]
	run -1 "$RSPAMC" -h "$(fake)" -j ham.eml
	run -1 "$RSPAMC" -h "$(fake)" uptime
}

@test "cli: a silent server with -t 1: 'IO timeout' after about 1 s, exit 1" {
	start_fake silent
	local t0 t1
	t0=$(date +%s%N)
	run -1 --separate-stderr timeout 20 "$RSPAMC" -h "$(fake)" -t 1 ham.eml
	t1=$(date +%s%N)
	assert_line --index 1 'IO timeout'
	local ms=$(((t1 - t0) / 1000000))
	echo "took ${ms} ms"
	[ "$ms" -ge 900 ] && [ "$ms" -le 3000 ]
}

@test "cli: a server that closes without a reply, cuts the body or speaks garbage: exit 1" {
	local mode
	for mode in close cut garbage; do
		start_fake "$mode"
		run -1 --separate-stderr timeout 20 "$RSPAMC" -h "$(fake)" -t 5 ham.eml
		assert_line --index 0 --regexp '^Results for file: ham.eml \('
		stop_fake
	done
}

@test "cli: several files, all good: every result printed, exit 0" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" ham.eml gtube.eml spammy.eml
	[ "$(grep -c '^Results for file: ' <<<"$output")" = 3 ]
}

# ---- -h ---------------------------------------------------------------------

@test "cli: -h list fails over: first refused, second scans, exit 0" {
	start_fake canned
	run -0 --separate-stderr "$RSPAMC" -h "127.0.0.1:1,$(fake)" ham.eml
	assert_line --index 0 --regexp '^Results for file: ham.eml \('
	assert_line 'Action: no action'
	[[ "$stderr" == *127.0.0.1:1* ]]
	[ "$(fake_count)" = 1 ]
	# every server down: the error, exit 1
	run -1 "$RSPAMC" -h "127.0.0.1:1,127.0.0.1:2" ham.eml
	assert_line 'IO write error: Connection refused'
}

@test "cli: -h localhost:PORT resolves to 127.0.0.1" {
	start_fake canned
	run -0 "$RSPAMC" -h "localhost:$FAKE_PORT" ham.eml
	[ "$(fake_count)" = 1 ]
}

# The fake listens on 127.0.0.1 only; a forwarder (cli-helpers.bash) on
# [::1] and on a unix socket leads to it.
@test "cli: -h '[::1]:PORT' (IPv6 loopback through a forwarder)" {
	start_fake canned
	start_forwarder --ipv6 - "$FAKE_PORT" || skip "no IPv6 loopback"
	run -0 "$RSPAMC" -h "[::1]:$FWD_PORT" ham.eml
	assert_line 'Action: no action'
	[ "$(fake_count)" = 1 ]
}

@test "cli: -h /abs/path.sock (unix socket through a forwarder)" {
	start_fake canned
	local sock="$BATS_TEST_TMPDIR/r.sock"
	start_forwarder --unix "$sock" "$FAKE_PORT"
	run -0 "$RSPAMC" -h "$sock" ham.eml
	assert_line 'Action: no action'
	[ "$(fake_count)" = 1 ]
	# a missing socket: error, exit 1
	run -1 "$RSPAMC" -h "$BATS_TEST_TMPDIR/missing.sock" ham.eml
}

@test "cli: -h with a bad port: clear error, exit 1" {
	run -1 --separate-stderr timeout 10 "$RSPAMC" -h localhost:abc ham.eml
	[[ "$stderr" == *abc* ]]
	run -1 --separate-stderr timeout 10 "$RSPAMC" -h localhost:99999 ham.eml
	[ -n "$stderr" ]
}

@test "cli: default port: localhost means 11334 for every command (if free)" {
	start_fake canned
	start_forwarder --tcp4 11334 "$FAKE_PORT" ||
		skip "127.0.0.1:11334 is in use"
	run -0 "$RSPAMC" ham.eml
	run -0 "$RSPAMC" -h localhost ham.eml
	run -0 "$RSPAMC" -h 127.0.0.1 ham.eml
	[ "$(fake_count)" = 3 ]
}

# ---- passwords ---------------------------------------------------------------

@test "cli: -P pw sends Password: pw" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" -P pw ham.eml
	fake_head 1 | grep -qx 'Password: pw'
	run -0 "$RSPAMC" -h "$(fake)" --password=pw2 ham.eml
	fake_head 2 | grep -qx 'Password: pw2'
	run -0 "$RSPAMC" -h "$(fake)" -Ppw3 ham.eml
	fake_head 3 | grep -qx 'Password: pw3'
	# no -P: no Password header
	run -0 "$RSPAMC" -h "$(fake)" ham.eml
	! fake_head 4 | grep -qi '^Password:'
}

@test "cli: --password-file with 'secret\\n' sends exactly 'Password: secret'" {
	start_fake canned
	printf 'secret\n' >"$BATS_TEST_TMPDIR/pw"
	run -0 "$RSPAMC" -h "$(fake)" --password-file "$BATS_TEST_TMPDIR/pw" ham.eml
	grep -qa $'^Password: secret\r$' "$FAKE_LOG.1"
	[ "$(fake_header 1 Password)" = ' secret' ]
	# a missing password file is an error
	run -1 "$RSPAMC" -h "$(fake)" --password-file "$BATS_TEST_TMPDIR/nope" ham.eml
	[ "$(fake_count)" = 1 ]
}

@test "cli: -P /path/to/file reads the password from the file (no trailing LF)" {
	start_fake canned
	printf 'filepw\n' >"$BATS_TEST_TMPDIR/pwf"
	run -0 "$RSPAMC" -h "$(fake)" -P "$BATS_TEST_TMPDIR/pwf" ham.eml
	grep -qa $'^Password: filepw\r$' "$FAKE_LOG.1"
	# not a file: sent literally
	run -0 "$RSPAMC" -h "$(fake)" -P /nonexistent/x ham.eml
	fake_head 2 | grep -qx 'Password: /nonexistent/x'
}

@test "cli: RSPAMC_PASSWORD in the environment is sent" {
	start_fake canned
	RSPAMC_PASSWORD=envpw run -0 "$RSPAMC" -h "$(fake)" ham.eml
	fake_head 1 | grep -qx 'Password: envpw'
	# -P wins
	RSPAMC_PASSWORD=envpw run -0 "$RSPAMC" -h "$(fake)" -P cli ham.eml
	fake_head 2 | grep -qx 'Password: cli'
}

@test "cli: -P without a value and no terminal: 'Invalid password', exit 1" {
	start_fake canned
	run -1 --separate-stderr setsid -w "$RSPAMC" -h "$(fake)" ham.eml -P </dev/null
	[[ "$stderr" == *"Invalid password"* ]]
	[ "$(fake_count)" = 0 ]
}

# ---- headers -----------------------------------------------------------------

@test "cli: --header 'X-A: b' sends 'X-A:  b' (leading space kept, as 3.4)" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" --header 'X-A: b' --header 'Settings-ID=strict' \
		--header JustName ham.eml
	grep -qa $'^X-A:  b\r$' "$FAKE_LOG.1"
	grep -qa $'^Settings-ID: strict\r$' "$FAKE_LOG.1"
	grep -qa $'^JustName: \r$' "$FAKE_LOG.1"
}

@test "cli: --header 'Settings={\"a\":\"b=c\"}' splits at the first '='" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" --header 'Settings={"a":"b=c"}' ham.eml
	grep -qa $'^Settings: {"a":"b=c"}\r$' "$FAKE_LOG.1"
}

@test "cli: --header User-Agent replaces the default one" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" --header 'User-Agent: other' ham.eml
	[ "$(fake_header 1 User-Agent)" = '  other' ]
	run -0 "$RSPAMC" -h "$(fake)" -U agent ham.eml
	[ "$(fake_header 2 User-Agent)" = ' agent' ]
}

@test "cli: -z sends a zstd body with Compression: zstd" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" -z ham.eml
	fake_head 1 | grep -qx 'Compression: zstd'
	fake_head 1 | grep -qx 'Content-Type: application/x-compressed'
	[ "$(fake_body 1 | head -c 4 | od -An -tx1 | tr -d ' \n')" = 28b52ffd ]
	cmp <(fake_body 1 | zstd -dc) ham.eml
	fake_head 1 | grep -qx "Content-Length: $(fake_body 1 | wc -c)"
	# (the zstd reply is checked against the real rspamd in compat.bats)
}

@test "cli: an input that is already zstd is sent as is with Compression: zstd" {
	start_fake canned
	zstd -q -c ham.eml >"$BATS_TEST_TMPDIR/ham.zst"
	run -0 "$RSPAMC" -h "$(fake)" "$BATS_TEST_TMPDIR/ham.zst"
	fake_head 1 | grep -qx 'Compression: zstd'
	cmp <(fake_body 1) "$BATS_TEST_TMPDIR/ham.zst"
}

@test "cli: --queue-id, --log-tag, --settings, --settings-id headers" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" --queue-id Q123 --log-tag tag1 \
		--settings '{"actions":{"reject":50}}' --settings-id strict ham.eml
	[ "$(fake_header 1 Queue-Id)" = ' Q123' ]
	[ "$(fake_header 1 Log-Tag)" = ' tag1' ]
	[ "$(fake_header 1 Settings)" = ' {"actions":{"reject":50}}' ]
	[ "$(fake_header 1 Settings-ID)" = ' strict' ]
}

@test "cli: every 3.4 header option (req-all-options)" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" -i 192.0.2.7 -F s@example.org \
		-r r1@example.net -r r2@example.net --helo mx.example.org \
		--hostname mail.example.org -u authuser -d deliveruser -P secretpw -p \
		--raw -c bayes -w 5 -f 11 -S FUZZY_DENIED --extended-urls --profile \
		--skip-images --skip-attachments -U myagent ham.eml
	local expected=(
		'Ip: 192.0.2.7' 'From: s@example.org' 'Helo: mx.example.org'
		'Hostname: mail.example.org' 'User: authuser' 'Deliver-To: deliveruser'
		'Password: secretpw' 'Raw: yes' 'Classifier: bayes' 'Weight: 5'
		'Flag: 11' 'Symbol: FUZZY_DENIED' 'URL-Format: extended'
		'Skip-Images: true' 'Skip-Attachments: true' 'User-Agent: myagent'
		'Flags: pass_all,profile,body_block' 'Filename: ham.eml')
	local h
	for h in "${expected[@]}"; do
		fake_head 1 | grep -qxF "$h" || { echo "missing: $h"; false; }
	done
	[ "$(fake_head 1 | grep '^Rcpt:' | tr '\n' '|')" = 'Rcpt: r1@example.net|Rcpt: r2@example.net|' ]
	# -w 0 and -f 0 are not sent
	run -0 "$RSPAMC" -h "$(fake)" -w 0 -f 0 ham.eml
	! fake_head 2 | grep -qE '^(Weight|Flag):'
}

@test "cli: -i with a name resolves it (localhost -> 127.0.0.1)" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" -i localhost ham.eml
	fake_head 1 | grep -qxE 'Ip: (127\.0\.0\.1|::1)'
	run -0 "$RSPAMC" -h "$(fake)" -i '[2001:db8::1]' ham.eml
	fake_head 2 | grep -qxF 'Ip: [2001:db8::1]'
}

# ---- other commands ------------------------------------------------------------

@test "cli: learn_class:NAME sends POST /learnclass with Class: NAME" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" -P pw learn_class:junk ham.eml
	[ "$(fake_head 1 | head -n 1)" = 'POST /learnclass HTTP/1.0' ]
	fake_head 1 | grep -qx 'Class: junk'
	fake_head 1 | grep -qx 'Password: pw'
	cmp <(fake_body 1) ham.eml
}

@test "cli: learn_spam, learn_ham, fuzzy_add, fuzzy_del: POST to their paths" {
	start_fake canned
	local c p k=0
	for c in learn_spam:/learnspam learn_ham:/learnham fuzzy_add:/fuzzyadd \
		fuzzy_del:/fuzzydel; do
		p=${c#*:}
		c=${c%%:*}
		k=$((k + 1))
		run -0 "$RSPAMC" -h "$(fake)" "$c" ham.eml
		[ "$(fake_head $k | head -n 1)" = "POST $p HTTP/1.0" ]
		assert_line --index 0 --regexp '^Results for file: ham.eml \('
	done
}

@test "cli: stat, stat_reset, counters, uptime: GET to their paths, no body" {
	start_fake canned
	local c p k=0
	for c in stat:/stat stat_reset:/statreset counters:/counters uptime:/auth; do
		p=${c#*:}
		c=${c%%:*}
		k=$((k + 1))
		run -0 "$RSPAMC" -h "$(fake)" "$c" </dev/null
		[ "$(fake_head $k | head -n 1)" = "GET $p HTTP/1.0" ]
		fake_head $k | grep -qx 'Content-Length: 0'
		assert_line --index 0 --regexp "^Results for command: $c \\("
	done
}

@test "cli: fuzzy_delhash -f 3 h1 h2 sends GET /fuzzydelhash with two Hash headers" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" -P q1 fuzzy_delhash -f 3 abcdef 0123456
	[ "$(fake_head 1 | head -n 1)" = 'GET /fuzzydelhash HTTP/1.0' ]
	[ "$(fake_head 1 | grep '^Hash:' | tr '\n' '|')" = 'Hash: abcdef|Hash: 0123456|' ]
	fake_head 1 | grep -qx 'Flag: 3'
	fake_head 1 | grep -qx 'Filename: hashes'
	fake_head 1 | grep -qx 'Content-Length: 0'
}

@test "cli: --key is not supported yet: error, exit 1, nothing sent" {
	start_fake canned
	run -1 --separate-stderr "$RSPAMC" -h "$(fake)" --key k4nz984k36xmcynm1hr9kdbn6jhcxf4ggbrb1quay7f88rpm9kay ham.eml
	[[ "$stderr" == *"not supported yet"* ]]
	[ "$(fake_count)" = 0 ]
}

# ---- directories, --exclude, --files-list ----------------------------------------

make_tree() {
	TREE="$BATS_TEST_TMPDIR/tree"
	mkdir -p "$TREE/sub/deeper" "$TREE/.hiddendir"
	cp ham.eml "$TREE/a.eml"
	cp ham.eml "$TREE/b.txt"
	cp ham.eml "$TREE/sub/c.eml"
	cp ham.eml "$TREE/sub/deeper/e.txt"
	cp ham.eml "$TREE/.hidden.eml"
	cp ham.eml "$TREE/.hiddendir/h.eml"
	ln -s a.eml "$TREE/link.eml"
	cd "$BATS_TEST_TMPDIR"
}

# sent_filenames: the Filename: of every request the fake got, sorted.
sent_filenames() {
	local i n
	n=$(fake_count)
	for ((i = 1; i <= n; i++)); do
		fake_header $i Filename | sed 's/^ //'
	done | sort
}

@test "cli: a directory is walked: dot files and symlinks skipped" {
	start_fake canned
	make_tree
	run -0 "$RSPAMC" -h "$(fake)" tree
	[ "$(sent_filenames | tr '\n' ' ')" = 'tree/a.eml tree/b.txt tree/sub/c.eml tree/sub/deeper/e.txt ' ]
	[ "$(grep -c '^Results for file: ' <<<"$output")" = 4 ]
}

@test "cli: --exclude globs match the whole built path" {
	start_fake canned
	make_tree
	run -0 "$RSPAMC" -h "$(fake)" --exclude '*.txt' tree
	[ "$(sent_filenames | tr '\n' ' ')" = 'tree/a.eml tree/sub/c.eml ' ]
	stop_fake
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" --exclude '*/deeper/*' --exclude '*/a.eml' tree
	[ "$(sent_filenames | tr '\n' ' ')" = 'tree/b.txt tree/sub/c.eml ' ]
	stop_fake
	start_fake canned
	# a bare name matches nothing (3.4: the glob sees "tree/b.txt")
	run -0 "$RSPAMC" -h "$(fake)" --exclude 'b.txt' tree
	[ "$(sent_filenames | wc -l)" = 4 ]
	stop_fake
	start_fake canned
	# files named on the command line are never excluded
	run -0 "$RSPAMC" -h "$(fake)" --exclude '*.txt' tree/b.txt
	[ "$(sent_filenames | tr '\n' ' ')" = 'tree/b.txt ' ]
}

@test "cli: --files-list reads paths (files and directories), one a line" {
	start_fake canned
	make_tree
	printf 'tree/a.eml\ntree/sub\n\n' >list
	run -0 "$RSPAMC" -h "$(fake)" --files-list list
	[ "$(sent_filenames | tr '\n' ' ')" = 'tree/a.eml tree/sub/c.eml tree/sub/deeper/e.txt ' ]
	stop_fake
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" --files-list list --exclude '*.txt' tree/b.txt
	[ "$(sent_filenames | tr '\n' ' ')" = 'tree/a.eml tree/b.txt tree/sub/c.eml ' ]
	stop_fake
	start_fake canned
	# a missing list file is an error
	run -1 "$RSPAMC" -h "$(fake)" --files-list nolist
	[ "$(fake_count)" = 0 ]
}

@test "cli: exit status 0 when everything went well, with -n 1 and -n 8" {
	start_fake canned
	run -0 "$RSPAMC" -h "$(fake)" -n 1 ham.eml gtube.eml spammy.eml html.eml
	run -0 "$RSPAMC" -h "$(fake)" -n 8 ham.eml gtube.eml spammy.eml html.eml
	run -0 "$RSPAMC" -h "$(fake)" -j ham.eml
	run -0 "$RSPAMC" -h "$(fake)" --ucl ham.eml
	run -0 "$RSPAMC" -h "$(fake)" --mime ham.eml
}
