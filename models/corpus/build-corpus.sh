#!/usr/bin/env bash
# One command, from scratch: pinned packages -> sources.tsv check -> corpus under target/.
# Usage: models/corpus/build-corpus.sh [--out DIR] [--jobs N] [--limit N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/install-sources.sh"
# The committed manifest must match what the pinned packages install; regenerate and compare.
tmp="$(mktemp)"; trap 'rm -f "$tmp"' EXIT
python3 "$here/gen_sources.py" "$tmp"
if ! cmp -s "$tmp" "$here/sources.tsv"; then
  echo "build-corpus: installed sources differ from the committed sources.tsv" >&2
  diff <(cut -f3,4 "$here/sources.tsv") <(cut -f3,4 "$tmp") | head -20 >&2
  exit 1
fi
python3 "$here/build_corpus.py" "$@"
