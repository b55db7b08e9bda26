#!/bin/sh
# Style checks as tests (TAP): functions we do not use in lib/ and rspamc/,
# and the library never printing or exiting.
cd "$(dirname "$0")/.." || exit 1
n=0
fail=0
check() { # description, then a command that must print nothing
	desc=$1
	shift
	n=$((n + 1))
	out=$("$@" 2>&1)
	if [ -n "$out" ]; then
		echo "not ok $n - $desc"
		echo "$out" | sed 's/^/# /'
		fail=1
	else
		echo "ok $n - $desc"
	fi
}
src="lib rspamc"
check "no sprintf/vsprintf" grep -rnE '\b(v?sprintf)\(' $src --include=*.c
check "no strcpy/strcat" grep -rnE '\b(strcpy|strcat)\(' $src --include=*.c
check "no strtok/atoi/atol" grep -rnE '\b(strtok|strtok_r|atoi|atol)\(' $src --include=*.c
check "no gets/sscanf" grep -rnE '\b(gets|sscanf)\(' $src --include=*.c
check "the library never exits" grep -rnE '\b(exit|_exit|abort)\(' lib --include=*.c \
	--exclude=child.c
check "the library never prints to stdout/stderr" grep -rnE '\b(printf|puts|perror)\(|\bf(printf|puts)\((stdout|stderr)' lib --include=*.c
check "every module opens with a comment" sh -c 'for f in lib/*.c lib/*.h lib/scan/*.c lib/scan/*.h rspamc/*.c rspamc/*.h; do [ -f "$f" ] || continue; head -c 2 "$f" | grep -q "/\*" || echo "$f"; done'
echo "1..$n"
exit $fail
