#!/usr/bin/env bats
# One symbol at a time: tests/fixtures/symbols/SYMBOL.fires*.eml makes the
# real rspamd 3.4 emit SYMBOL, SYMBOL.quiet*.eml is a near miss that does
# not. expected.tsv holds what rspamd said (scripts/update-symbol-expect.sh);
# the in-process scanner must say the same about that symbol, options
# included. The rule-area C tests (tests/unit/test-scan-*.c) cover the other
# symbols with exact symbol sets per message.

load helpers

NOW=1700474400

setup() {
	sandbox_env
	DIR="$TESTS_DIR/fixtures/symbols"
	VERDICT="$TESTS_DIR/symbol-verdict.py"
}

@test "symbols: every fixture's symbol and options match rspamd 3.4" {
	local file want got bad=0 n=0
	while IFS= read -r line; do
		[[ $line == '#'* ]] && continue
		file=${line%%$'\t'*}
		want=${line#*$'\t'}
		got=$("$RSPAMC" --local --now "$NOW" -j "$DIR/$file" |
			"$PYTHON" "$VERDICT" "${file%%.*}")
		n=$((n + 1))
		if [ "$got" != "$want" ]; then
			echo "$file: rspamd [$want] ours [$got]"
			bad=1
		fi
	done <"$DIR/expected.tsv"
	[ "$n" -ge 50 ]
	[ "$bad" = 0 ]
}

@test "symbols: each .fires fixture fires and each .quiet one does not, in rspamd" {
	local f name verdict bad=0
	for f in "$DIR"/*.eml; do
		name=$(basename "$f")
		verdict=$(awk -F'\t' -v f="$name" '$1 == f { print $2 }' "$DIR/expected.tsv")
		case $name in
		*.fires*) [ "$verdict" = "+" ] || { echo "$name: $verdict"; bad=1; } ;;
		*.quiet*) [ "$verdict" = "-" ] || { echo "$name: $verdict"; bad=1; } ;;
		*) echo "$name: neither .fires nor .quiet"; bad=1 ;;
		esac
	done
	[ "$bad" = 0 ]
}

@test "symbols: raw 8-bit bytes in headers still give valid JSON (U+FFFD, as rspamd)" {
	run -0 --separate-stderr "$RSPAMC" --local --now "$NOW" -j "$TESTS_DIR/fixtures/8bit-headers.eml"
	[ -z "$stderr" ]
	echo "$output" | "$PYTHON" -c 'import json, sys; d = json.load(sys.stdin); assert d["message-id"] == "a\ufffdbc@example.com", d["message-id"]; assert "ex\ufffdmple.org" in d["urls"], d["urls"]'
	run -0 --separate-stderr "$RSPAMC" --local --now "$NOW" --mime "$TESTS_DIR/fixtures/8bit-headers.eml"
	assert_line 'X-Spam-Action: add header'
}

@test "symbols: MIME_BAD_UNICODE names the text before the character, valid UTF-8" {
	run -0 --separate-stderr "$RSPAMC" --local --now "$NOW" "$DIR/MIME_BAD_UNICODE.fires.eml"
	assert_line 'Symbol: MIME_BAD_UNICODE (8.00)[0x202ed after invoice]'
}
