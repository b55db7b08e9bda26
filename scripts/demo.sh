#!/usr/bin/env bash
# The main job on a bundled sample message: start a loopback-only rspamd
# (the test suite's configuration: no network, Redis on loopback), scan
# tests/fixtures/ham.eml and spammy.eml, and show what an LDA would
# deliver (--mime) and the report. Stops what it started.
set -eu
cd "$(dirname "$0")/.."
RSPAMC=${RSPAMC:-build/rspamc/rspamc}
source scripts/lib-server.sh
trap stop_rspamd EXIT
start_rspamd
echo "== rspamc --mime < tests/fixtures/spammy.eml (what the delivery agent gets)"
"$RSPAMC" -h "$RSPAMD_NORMAL" --mime < tests/fixtures/spammy.eml
echo
echo "== rspamc tests/fixtures/ham.eml (the report)"
"$RSPAMC" -h "$RSPAMD_NORMAL" tests/fixtures/ham.eml
