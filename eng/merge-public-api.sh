#!/usr/bin/env bash
# git merge driver for PublicAPI.*.txt: keep both sides' lines, once each, sorted.
# Enable with: git config merge.publicapi.driver 'eng/merge-public-api.sh %O %A %B'
set -eu
base=$1 ours=$2 theirs=$3
git merge-file -q --union "$ours" "$base" "$theirs" || true
{ echo '#nullable enable'; grep -v '^#nullable enable$' "$ours" | grep -v '^$' | LC_ALL=C sort -u; } > "$ours.tmp"
mv "$ours.tmp" "$ours"
