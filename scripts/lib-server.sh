# scripts/lib-server.sh: source this to get the test suite's loopback
# rspamd + Redis (start_rspamd / stop_rspamd from tests/bats/helpers.bash)
# outside bats, for the demo and the benchmarks.
: "${TESTS_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests" && pwd)}"
export TESTS_DIR
BATS_FILE_TMPDIR=${BATS_FILE_TMPDIR:-$(mktemp -d)}
export BATS_FILE_TMPDIR
# helpers.bash loads bats libraries; outside bats those are not needed.
load() { :; }
bats_require_minimum_version() { :; }
# shellcheck source=../tests/bats/helpers.bash
source "$TESTS_DIR/bats/helpers.bash"
