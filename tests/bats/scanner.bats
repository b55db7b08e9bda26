#!/usr/bin/env bats
# The in-process scanner from the command line: --local, the fallback when
# no server is configured, --on-error=local, configuration, the fixed clock,
# and a golden test of the whole JSON result for every fixture.

load helpers

NOW=1700474400 # 2023-11-20 10:00:00 UTC, the fixtures' Date

setup() {
	sandbox_env
	CONF="$BATS_TEST_TMPDIR/scanner.conf"
}

golden_json() { # fixture name -> our JSON with timing masked
	"$RSPAMC" --local --now "$NOW" -j "$FIXTURES/$1.eml" |
		sed -e 's/"scan_time": [0-9.]*/"scan_time": 0/' \
		    -e 's/"time_real": [0-9.]*/"time_real": 0/' \
		    -e "s#\"filename\": \".*\"#\"filename\": \"$1.eml\"#"
}

@test "golden: the whole JSON result of every fixture is unchanged" {
	local bad=0 f name
	for f in "$FIXTURES"/*.eml; do
		name=$(basename "$f" .eml)
		if ! diff -u "$TESTS_DIR/golden/$name.json" <(golden_json "$name") \
			>"$BATS_TEST_TMPDIR/$name.diff"; then
			echo "### $name (regenerate with scripts/update-golden.sh)"
			head -40 "$BATS_TEST_TMPDIR/$name.diff"
			bad=1
		fi
	done
	[ "$bad" = 0 ]
}

@test "--local report names the engine and scores the spammy fixture add header" {
	run -0 --separate-stderr "$RSPAMC" --local --now "$NOW" "$FIXTURES/spammy.eml"
	assert_line --index 1 '[Metric: default]'
	assert_line --index 2 'Scanner: rspamc 3.4 (in-process)'
	assert_line --index 3 'Action: add header'
	assert_line 'Score: 13.30 / 15.00'
	assert_line 'Symbol: MISSING_MID (2.50)'
	assert_line 'Symbol: SUBJ_ALL_CAPS (3.00)[54]'
	assert_line 'Symbol: R_UNDISC_RCPT (3.00)'
}

@test "--local --mime says which engine scanned in X-Spam-Scanner" {
	run -0 --separate-stderr "$RSPAMC" --local --now "$NOW" --mime "$FIXTURES/spammy.eml"
	assert_line 'X-Spam-Scanner: rspamc 3.4 (in-process)'
	assert_line 'X-Spam: yes'
	assert_line 'X-Spam-Action: add header'
}

@test "--local --mime --exec delivers through the command" {
	local out="$BATS_TEST_TMPDIR/delivered"
	run -0 "$RSPAMC" --local --now "$NOW" --mime --exec "sh -c 'cat > \"$out\"'" \
		<"$FIXTURES/ham.eml"
	grep -qx 'X-Spam-Action: no action' "$out"
	# the body is intact
	cmp <(sed '1,/^$/d' "$FIXTURES/ham.eml") <(sed '1,/^$/d' "$out")
}

@test "GTUBE gives reject with Rspamd's reply shape" {
	run -0 "$RSPAMC" --local --compact "$FIXTURES/gtube.eml"
	assert_output --partial '"is_skipped":true,"score":15.0,"required_score":15.0,"action":"reject","symbols":{"GTUBE":{"name":"GTUBE","score":0.0,"metric_score":0.0}},"messages":{"smtp_message":"Gtube pattern"}'
}

@test "absence symbols: R_DKIM_NA and ARC_NA without signatures, not with them" {
	run -0 "$RSPAMC" --local "$FIXTURES/ham.eml"
	assert_line 'Symbol: R_DKIM_NA (0.00)'
	assert_line 'Symbol: ARC_NA (0.00)'
	{
		echo 'DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=x; b=AAAA'
		echo 'ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.org; s=x; b=AAAA'
		cat "$FIXTURES/ham.eml"
	} >"$BATS_TEST_TMPDIR/signed.eml"
	run -0 "$RSPAMC" --local "$BATS_TEST_TMPDIR/signed.eml"
	refute_line --partial 'R_DKIM_NA'
	refute_line --partial 'ARC_NA'
}

@test "--now fixes the clock for DATE_IN_PAST (option = hours)" {
	# 2023-11-20 10:00 + 48 h
	run -0 "$RSPAMC" --local --now $((NOW + 48 * 3600)) "$FIXTURES/ham.eml"
	assert_line 'Symbol: DATE_IN_PAST (1.00)[48]'
	run -0 "$RSPAMC" --local --now "$NOW" "$FIXTURES/ham.eml"
	refute_line --partial 'DATE_IN_PAST'
	run -0 "$RSPAMC" --local --now $((NOW - 3 * 3600)) "$FIXTURES/ham.eml"
	assert_line --partial 'Symbol: DATE_IN_FUTURE'
}

@test "configuration: Rspamd's actions and a symbol score override" {
	cat >"$CONF" <<'CONF'
# as in rspamd's actions.conf
actions {
    reject = 15;
    add_header = 2;
    greylist = 0.3;
}
symbols {
    "HFILTER_HOSTNAME_UNKNOWN" { weight = 0.5; }
}
CONF
	run -0 "$RSPAMC" --local --config "$CONF" --now "$NOW" "$FIXTURES/spammy.eml"
	assert_line 'Symbol: HFILTER_HOSTNAME_UNKNOWN (0.50)'
	assert_line 'Score: 11.30 / 15.00'
	assert_line 'Action: add header'
	run -0 "$RSPAMC" --local --config "$CONF" --now "$NOW" "$FIXTURES/ham.eml"
	assert_line 'Action: greylist'
}

@test "configuration: a missing file and a broken file are clear errors" {
	run -1 --separate-stderr "$RSPAMC" --local --config "$BATS_TEST_TMPDIR/nope.conf" "$FIXTURES/ham.eml"
	assert_equal "$output" ""
	[[ $stderr == *"nope.conf"*"No such file or directory"* ]]
	printf 'actions {\n  reject = 15;\n  add_header = [;\n}\n' >"$CONF"
	run -1 --separate-stderr "$RSPAMC" --local --config "$CONF" "$FIXTURES/ham.eml"
	# names the file and a line
	[[ $stderr =~ scanner\.conf:[34]:\  ]]
}

@test "--on-error=local scans in-process when the server fails (LDA)" {
	run -0 --separate-stderr "$RSPAMC" -h 127.0.0.1:1 --mime --on-error=local \
		"$FIXTURES/spammy.eml"
	assert_line 'X-Spam-Scanner: rspamc 3.4 (in-process)'
	assert_line 'X-Spam: yes'
	refute_line --partial 'X-Spam-Error'
	[[ $stderr == *"127.0.0.1:1"*"in-process"* ]]
}

@test "no server configured and none on the default address: scans in-process" {
	# The default address is localhost:11334; nothing may listen there for
	# this test (CI machines start no rspamd service).
	if (exec 3<>/dev/tcp/127.0.0.1/11334) 2>/dev/null; then
		echo "something listens on 127.0.0.1:11334; this test needs it free" >&2
		return 1
	fi
	run -0 --separate-stderr "$RSPAMC" "$FIXTURES/spammy.eml"
	assert_line 'Scanner: rspamc 3.4 (in-process)'
	assert_line 'Action: add header'
}

@test "an explicit -h never falls back silently (report mode keeps rspamc's error)" {
	run -1 --separate-stderr "$RSPAMC" -h 127.0.0.1:1 "$FIXTURES/ham.eml"
	assert_line 'IO write error: Connection refused'
	refute_line --partial 'Scanner:'
}

@test "--local with a controller command is a clear error" {
	run -1 --separate-stderr "$RSPAMC" --local stat
	[[ $stderr == *"--local"* ]]
}

@test "INVALID_DATE for the dates rspamd 3.4 rejects, not for good ones" {
	local d
	for d in "Tue, 20 Aug 2002 9:39:22 +0100" "Wed, 24 Jul 2002 20:03:30" \
		"24 Jul 01 11:30:41 PM" "yesterday"; do
		printf 'From: a@example.org\nDate: %s\nSubject: x\n\nbody\n' "$d" \
			>"$BATS_TEST_TMPDIR/m.eml"
		run -0 "$RSPAMC" --local --now "$NOW" "$BATS_TEST_TMPDIR/m.eml"
		assert_line 'Symbol: INVALID_DATE (1.50)'
		refute_line --partial 'DATE_IN_PAST'
	done
	for d in "Mon, 20 Nov 2023 10:00:00 +0000" "20 Nov 2023 10:00 GMT" \
		"Mon, 20 Nov 2023 10:00:00 +0000 (UTC)" \
		"Wed, 24 Jul 0102 21:48:06 +1200"; do
		printf 'From: a@example.org\nDate: %s\nSubject: x\n\nbody\n' "$d" \
			>"$BATS_TEST_TMPDIR/m.eml"
		run -0 "$RSPAMC" --local --now "$NOW" "$BATS_TEST_TMPDIR/m.eml"
		refute_line --partial 'INVALID_DATE'
	done
}

@test "a directory with nothing to scan does not read standard input" {
	mkdir "$BATS_TEST_TMPDIR/d"
	ln -s "$FIXTURES/ham.eml" "$BATS_TEST_TMPDIR/d/link.eml" # skipped, as rspamc
	run -0 --separate-stderr "$RSPAMC" --local "$BATS_TEST_TMPDIR/d" <"$FIXTURES/spammy.eml"
	assert_output ""
}

# The libraries the dynamic linker loaded for one run of "$@" (LD_DEBUG
# =files: "file=libxml2.so.2 [0];  dynamically loaded by ..."), sorted.
loaded_libs() {
	local dir="$BATS_TEST_TMPDIR/ld.$RANDOM"
	mkdir "$dir"
	LD_DEBUG=files LD_DEBUG_OUTPUT="$dir/log" "$@" >/dev/null 2>&1 || return 1
	sed -n 's/^[[:space:]]*[0-9]*:[[:space:]]*file=\([^ ]*\) .*/\1/p' "$dir"/log.* | sort -u
}

# An HTML-only message whose one link is in an href: only the HTML parser
# finds it.
html_only_eml() {
	printf '%s\n' 'From: a@example.org' 'To: b@example.net' \
		'Subject: html only' 'MIME-Version: 1.0' \
		'Content-Type: text/html; charset=utf-8' '' \
		'<html><body><p>Hello, <a href="http://only-in-href.example/x">here</a></p></body></html>' \
		>"$BATS_TEST_TMPDIR/html-only.eml"
}

@test "--local loads libxml2 for an HTML part only, SQLite or hiredis for a store only, never libzstd" {
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/data"
	html_only_eml
	# plain text, no store file: neither
	run -0 loaded_libs "$RSPAMC" --local --mime --exec cat <"$FIXTURES/ham.eml"
	assert_line --partial 'rspamc-scan.so' # the scanner was loaded ...
	refute_line --partial 'libxml2.so'    # ... but not libxml2
	refute_line --partial 'libsqlite3.so'
	refute_line --partial 'libhiredis.so'
	refute_line --partial 'libzstd.so'    # rspamc's own: -z only
	refute_line --partial 'libb64.so'     # X-Spam-Result only
	run -0 loaded_libs "$RSPAMC" --local --mime -j <"$FIXTURES/ham.eml"
	assert_line --partial 'libb64.so'
	# an HTML part: libxml2, and its link is found
	run -0 loaded_libs "$RSPAMC" --local "$BATS_TEST_TMPDIR/html-only.eml"
	assert_line --partial 'libxml2.so'
	refute_line --partial 'libsqlite3.so'
	run -0 "$RSPAMC" --local "$BATS_TEST_TMPDIR/html-only.eml"
	assert_line 'Urls: ["only-in-href.example"]'
	# a store file: SQLite, for learning and for classifying
	run -0 loaded_libs "$RSPAMC" --local learn_ham "$FIXTURES/ham.eml"
	assert_line --partial 'libsqlite3.so'
	run -0 loaded_libs "$RSPAMC" --local "$FIXTURES/ham.eml"
	assert_line --partial 'libsqlite3.so'
	refute_line --partial 'libxml2.so'
	refute_line --partial 'libhiredis.so'
	# the Redis store: hiredis (nothing listens on port 1), not SQLite
	printf 'classifier "bayes" { backend = "redis"; servers = "127.0.0.1:1"; }\n' \
		>"$CONF"
	run -0 loaded_libs "$RSPAMC" --local --config "$CONF" "$FIXTURES/ham.eml"
	assert_line --partial 'libhiredis.so'
	refute_line --partial 'libsqlite3.so'
}

# RSPAMC_SCAN_GMIME (tests/meson.build): how rspamc-scan.so was linked.
@test "--local with GMime and libpsl linked into the module loads none of their libraries" {
	[ "${RSPAMC_SCAN_GMIME:-}" = static ] ||
		skip "rspamc-scan.so links GMime as a shared library (-Dstatic_gmime)"
	run -0 loaded_libs "$RSPAMC" --local --mime --exec cat <"$FIXTURES/ham.eml"
	assert_line --partial 'rspamc-scan.so'
	for lib in libgmime libglib libgobject libgio libgmodule libgpgme \
		libassuan libgpg-error libmount libblkid libselinux libpsl \
		libidn2 libunistring; do
		refute_line --partial "$lib"
	done
}

# GMime's crypto types are linked against static_stubs.c in a static build:
# parsing signed and encrypted PGP/MIME must not need them.
@test "--local scans PGP/MIME signed and encrypted messages and delivers them unchanged" {
	local eml="$BATS_TEST_TMPDIR/pgp.eml"
	printf '%s\r\n' 'From: a@example.org' 'To: b@example.net' \
		'Subject: signed, then encrypted' 'Date: Mon, 7 Dec 2026 01:00:00 +0000' \
		'Message-ID: <pgp1@example.org>' 'MIME-Version: 1.0' \
		'Content-Type: multipart/mixed; boundary="outer"' '' \
		'--outer' \
		'Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="sig"' '' \
		'--sig' 'Content-Type: text/plain; charset=us-ascii' '' 'Signed text.' \
		'--sig' 'Content-Type: application/pgp-signature; name="signature.asc"' '' \
		'-----BEGIN PGP SIGNATURE-----' 'iQEzBAEBCAAdFiEEAAAAAAAAAAAAAAAAAAAAAAAAAAAFAmNvdGhpbmcACgkQAAAA' \
		'-----END PGP SIGNATURE-----' '--sig--' \
		'--outer' \
		'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="enc"' '' \
		'--enc' 'Content-Type: application/pgp-encrypted' '' 'Version: 1' \
		'--enc' 'Content-Type: application/octet-stream; name="encrypted.asc"' '' \
		'-----BEGIN PGP MESSAGE-----' 'hQEMAwAAAAAAAAAAAQf/bm90IHJlYWxseSBlbmNyeXB0ZWQ=' \
		'-----END PGP MESSAGE-----' '--enc--' '--outer--' >"$eml"
	run -0 --separate-stderr "$RSPAMC" --local "$eml"
	assert_line --regexp '^Action: '
	assert_equal "$stderr" ""
	"$RSPAMC" --local --mime --exec cat <"$eml" >"$eml.out"
	# the body after the rewritten header block, byte for byte
	grep -q "^X-Spam-Action: " "$eml.out"
	diff <(sed '1,/^\r$/d' "$eml") <(sed '1,/^\r*$/d' "$eml.out")
}

# "From: one:; two:;" wrote its second group past the one-address slot of
# the From view: a stack overwrite, SIGSEGV in a delivery (found by
# fuzz-scan; tests/fuzz/corpus-scan keeps the input).
@test "--local --mime --exec: a From of two empty groups is scanned and delivered intact" {
	local eml="$FIXTURES/symbols/FROM_INVALID.fires-two-groups.eml"
	"$RSPAMC" --local --mime --exec cat <"$eml" >"$BATS_TEST_TMPDIR/out"
	grep -q '^X-Spam-Action: ' "$BATS_TEST_TMPDIR/out"
	diff <(sed '1,/^$/d' "$eml") <(sed '1,/^$/d' "$BATS_TEST_TMPDIR/out")
}

@test "an HTML part when libxml2 cannot be loaded: the scan completes and says why" {
	html_only_eml
	mkdir "$BATS_TEST_TMPDIR/badlib"
	echo 'not a library' >"$BATS_TEST_TMPDIR/badlib/libxml2.so.2"
	LD_LIBRARY_PATH="$BATS_TEST_TMPDIR/badlib" \
		run -0 --separate-stderr "$RSPAMC" --local "$BATS_TEST_TMPDIR/html-only.eml"
	assert_line --partial 'Action:'
	refute_line --partial 'only-in-href.example'
	[[ $stderr == *"html-only.eml: html: cannot load "*"libxml2.so.2"* ]]
	# a message without HTML is not affected
	LD_LIBRARY_PATH="$BATS_TEST_TMPDIR/badlib" \
		run -0 --separate-stderr "$RSPAMC" --local "$FIXTURES/ham.eml"
	assert_equal "$stderr" ""
}

@test "an HTML part when libxml2 cannot be loaded: not learned, nothing stored, learned once it can be" {
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/data"
	html_only_eml
	mkdir "$BATS_TEST_TMPDIR/badlib"
	echo 'not a library' >"$BATS_TEST_TMPDIR/badlib/libxml2.so.2"
	LD_LIBRARY_PATH="$BATS_TEST_TMPDIR/badlib" \
		run -1 --separate-stderr "$RSPAMC" --local learn_spam "$BATS_TEST_TMPDIR/html-only.eml"
	[[ $stderr == *"html: cannot load "*"libxml2.so.2"*"; not learned"* ]]
	# nothing was learned: the first real learn succeeds, the second is refused
	run -0 "$RSPAMC" --local learn_spam "$BATS_TEST_TMPDIR/html-only.eml"
	run -2 --separate-stderr "$RSPAMC" --local learn_spam "$BATS_TEST_TMPDIR/html-only.eml"
	assert_output --partial 'already learned'
}
