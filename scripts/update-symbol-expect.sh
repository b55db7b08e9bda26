#!/usr/bin/env bash
# Regenerate tests/fixtures/symbols/expected.tsv from the real rspamd 3.4:
# for every tests/fixtures/symbols/SYMBOL.{fires,quiet}*.eml, what rspamd
# says about SYMBOL ("+" and its options, or "-"). tests/bats/symbols.bats
# checks the in-process scanner against this file. Run it after adding a
# fixture; review the diff. Needs the real rspamd (Debian package rspamd);
# the reference config is the agreement one (scripts/agreement.sh):
# tests/rspamd with the tests/rspamd-corpus overlay, loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tmp=$(mktemp -d)
# shellcheck source=agreement.sh
source scripts/agreement.sh
agree_start_rspamd "$tmp" 1
trap 'stop_rspamd; rm -rf "$tmp"' EXIT
out=$repo/tests/fixtures/symbols/expected.tsv
{
	echo "# file	verdict	options (scripts/update-symbol-expect.sh; rspamd $(rspamd --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1))"
	for f in tests/fixtures/symbols/*.eml; do
		name=$(basename "$f")
		printf '%s\t%s\n' "$name" "$(/usr/bin/rspamc -h "$RSPAMD_NORMAL" -j "$f" |
			python3 tests/symbol-verdict.py "${name%%.*}")"
	done
} >"$out.new"
mv "$out.new" "$out"
echo "wrote $out"
