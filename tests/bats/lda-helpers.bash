# tests/bats/lda-helpers.bash: helpers shared by the LDA suites
# (lda-faults, lda-mime, lda-exec). Load after helpers.

# lda WANT ARGS...: run rspamc ARGS with stdin $IN and stdout in $OUT; the
# exit status must be WANT; rspamc's stderr ends up in $stderr.
lda() {
	local want=$1
	shift
	run "-$want" --separate-stderr timeout -k 5 "${LDA_TIMEOUT:-180}" \
		bash -c '"$RSPAMC" "$@" <"$IN" >"$OUT"' rspamc "$@"
}

# ins_of FILE: the offset of the blank line that ends FILE's header block.
ins_of() {
	python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
c = [i + 1 for i in [d.find(b"\n\n")] if i >= 0]
c += [i + 2 for i in [d.find(b"\r\n\r\n")] if i >= 0]
print(min(c))' "$1"
}

# split_kept KEPT OUT INS: OUT is KEPT with bytes inserted at offset INS
# and nothing else changed (compared with cmp); the inserted bytes go to
# $ADDED.
split_kept() {
	local orig=$1 out=$2 ins=$3 olen outlen tl
	olen=$(stat -c %s "$orig")
	outlen=$(stat -c %s "$out")
	tl=$((olen - ins))
	if [ "$outlen" -lt "$olen" ]; then
		fail "output has $outlen bytes, fewer than the $olen kept: $(head -c 600 "$out" | od -c | head -20)"
		return 1
	fi
	if ! cmp <(head -c "$ins" "$orig") <(head -c "$ins" "$out"); then
		fail "the bytes before the insertion point changed: $(head -c 600 "$out" | od -c | head -20)"
		return 1
	fi
	if ! cmp <(tail -c "$tl" "$orig") <(tail -c "$tl" "$out"); then
		fail "the bytes after the header block changed"
		return 1
	fi
	head -c $((outlen - tl)) "$out" | tail -c +$((ins + 1)) >"$ADDED"
}
