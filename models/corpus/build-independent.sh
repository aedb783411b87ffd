#!/usr/bin/env bash
# The independent evaluation set from the sources DATA.md reserves (see INDEPENDENT.md):
# fetch and unpack the pinned reserved packages, build the normalised utterances, join them into
# trials of >= 4 s. Needs the tools of build-corpus.sh (sox, ffmpeg, festival, numpy) plus java and node.
# Usage: models/corpus/build-independent.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/fetch-reserved.sh"
python3 "$here/build_independent.py"
/usr/bin/python3 "$here/../deepfake/make_trials.py" --corpus "$here/target/independent" \
    --out "$here/target/independent-trials"
