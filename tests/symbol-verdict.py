#!/usr/bin/env python3
"""symbol-verdict.py SYMBOL < rspamc -j output

Print what one scan result says about one symbol, on one line:
"+" and its options joined by "|" (sorted) when it fired, "-" when not.
Used by tests/bats/symbols.bats (our scanner) and by
scripts/update-symbol-expect.sh (the real rspamd), so both sides are read
the same way.
"""
import json
import sys

result = json.load(sys.stdin)
sym = result.get("symbols", {}).get(sys.argv[1])
if sym is None:
    print("-")
else:
    print("+\t" + "|".join(sorted(sym.get("options", []))))
