#!/bin/sh
# scripts/install-deps.sh: install what the build and the tests need on a
# fresh Debian 12, as root.  Safe to run again: it does nothing when every
# package is already installed.
#
#   scripts/install-deps.sh               build + test dependencies
#   scripts/install-deps.sh --build-only  compiler, meson, ninja, -dev libs
#   scripts/install-deps.sh --demo        build deps + rspamd and Redis for
#                                         scripts/demo.sh
#   scripts/install-deps.sh --bench       test deps + spamc for the
#                                         benchmark's side-by-side figures
#
# The rspamd and redis-server packages come with system services.  The
# tests never use them (they start their own instances on other loopback
# ports), so the install must not start them: a policy-rc.d that denies
# every start is in place while apt runs, unless one already exists.
set -eu

# zlib1g-dev and libffi-dev: what the GLib archives linked into
# rspamc-scan.so need (-Dstatic_gmime, lib/scan/meson.build).
BUILD_PKGS="build-essential meson ninja-build pkg-config
	libcurl4-openssl-dev libjansson-dev libb64-dev libpopt-dev libzstd-dev
	libgmime-3.0-dev libxml2-dev libpsl-dev libpcre2-dev libsqlite3-dev
	libhiredis-dev libmimalloc-dev
	zlib1g-dev libffi-dev"
TEST_PKGS="bats bats-support bats-assert rspamd redis-server redis-tools
	dovecot-core dovecot-sieve dovecot-pop3d procmail fetchmail
	python3 curl valgrind iproute2"

usage() {
	echo "usage: $0 [--build-only|--demo|--bench]" >&2
	exit 64
}

pkgs=$BUILD_PKGS
case "${1:-}" in
"") pkgs="$BUILD_PKGS $TEST_PKGS" ;;
--build-only) ;;
--demo) pkgs="$BUILD_PKGS rspamd redis-server python3 curl" ;;
--bench) pkgs="$BUILD_PKGS $TEST_PKGS spamassassin spamc spamd" ;;
*) usage ;;
esac
[ $# -le 1 ] || usage

if [ "$(id -u)" != 0 ]; then
	echo "$0: must run as root" >&2
	exit 77
fi

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	echo "install-deps: all packages already installed"
	exit 0
fi
echo "install-deps: installing:$missing"

# Keep package scripts from starting services (exit 101 = action forbidden).
policy=/usr/sbin/policy-rc.d
own_policy=
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' >"$policy"
	chmod 755 "$policy"
	own_policy=1
fi
cleanup() {
	[ -z "$own_policy" ] || rm -f "$policy"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DEBIAN_FRONTEND=noninteractive
apt-get update
# shellcheck disable=SC2086 # word splitting of the list is intended
apt-get install -y --no-install-recommends $missing

echo "install-deps: done"
