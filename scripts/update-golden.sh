#!/usr/bin/env bash
# Regenerate tests/golden/*.json: the in-process scanner's whole JSON result
# for every fixture, at a fixed scan time. Review the diff before committing:
# a change here is a change of what the scanner says about a message.
set -eu
cd "$(dirname "$0")/.."
RSPAMC=${RSPAMC:-build/rspamc/rspamc}
NOW=1700474400   # 2023-11-20 10:00:00 UTC, the fixtures' Date
for f in tests/fixtures/*.eml; do
	name=$(basename "$f" .eml)
	"$RSPAMC" --local --now "$NOW" -j "$f" |
		sed -e 's/"scan_time": [0-9.]*/"scan_time": 0/' \
		    -e 's/"time_real": [0-9.]*/"time_real": 0/' \
		    -e "s#\"filename\": \".*\"#\"filename\": \"$name.eml\"#" \
		>"tests/golden/$name.json"
done
