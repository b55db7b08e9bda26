#!/usr/bin/env bash
# Build from scratch and run every test: the C unit tests and the bats
# suites (which start their own rspamd, Redis, dovecot and fake servers on
# loopback). Ends with one line "N passed, N failed" counting every test
# case of every suite.
set -u
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-build-tests}

rm -rf "$builddir"
if ! meson setup "$builddir" >"$builddir.setup.log" 2>&1 ||
   ! ninja -C "$builddir"; then
	cat "$builddir.setup.log" 2>/dev/null
	echo "build failed"
	echo "0 passed, 1 failed"
	exit 1
fi

meson test -C "$builddir" --print-errorlogs --num-processes 1 \
	--timeout-multiplier 2
status=$?

# The C unit tests again under AddressSanitizer (leaks included) and
# UBSan, which stops at the first finding: the library's code, the fuzz
# targets' seeds and their fixed mutations.
asandir=$builddir-asan
rm -rf "$asandir"
logs=("$builddir/meson-logs/testlog.json")
if meson setup "$asandir" -Db_sanitize=address,undefined \
	>"$asandir.setup.log" 2>&1 && ninja -C "$asandir"; then
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C "$asandir" --suite unit --print-errorlogs \
		--num-processes 2 --timeout-multiplier 4 || status=1
	logs+=("$asandir/meson-logs/testlog.json")
else
	cat "$asandir.setup.log"
	echo "sanitizer build failed"
	mkdir -p "$asandir"
	echo '{"name": "build", "result": "FAIL", "stdout": ""}' \
		>"$asandir/build-failed.json"
	logs+=("$asandir/build-failed.json")
	status=1
fi

# Count TAP test points across all suites.
python3 - "${logs[@]}" <<'PY'
import json, re, sys
passed = failed = 0
lines = []
for i, path in enumerate(sys.argv[1:]):
    prefix = "" if i == 0 else "asan+ubsan "
    lines += [(prefix, line) for line in open(path)]
for prefix, line in lines:
    t = json.loads(line)
    t["name"] = prefix + t["name"]
    out = t.get("stdout") or ""
    ok = len(re.findall(r"^ok \d+", out, re.M))
    bad = len(re.findall(r"^not ok \d+", out, re.M))
    if ok + bad == 0:
        if t.get("result") == "OK":
            ok = 1
        else:
            bad = 1
    elif t.get("result") not in ("OK", "EXPECTEDFAIL") and bad == 0:
        bad = 1  # the suite died after its last test point
    passed += ok
    failed += bad
    print(f"{t['name']}: {ok} passed, {bad} failed")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
count=$?
[ $status -eq 0 ] && [ $count -eq 0 ]
