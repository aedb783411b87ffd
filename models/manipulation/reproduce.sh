#!/usr/bin/env bash
# Rebuilds the manipulation corpus from the allowed source packages (via the stage-2 manifest and
# splits), retrains the window model from scratch through the Java pipeline
# (`bonafide train-manipulation`: features:manipulation322, 400 trees, depth 7), evaluates it on the
# held-out eval split (unseen speakers, plus the edit types insert_synthetic and level_jump and the
# 5 and 50 ms crossfades that training never sees) and checks that its window-level EER matches the committed metrics.json within 0.5
# percentage points (and prints the segment figures beside the committed ones).
# Usage: models/manipulation/reproduce.sh [version] (default 2.2.0). BONAFIDE_REUSE_CORPUS=1 skips
# rebuilding models/corpus/target and models/manipulation/target/corpus when they exist.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
version=${1:-2.2.0}
committed=models/manipulation/$version
out=models/manipulation/target/reproduce-$version
corpus=models/manipulation/target/corpus
if [ "${BONAFIDE_REUSE_CORPUS:-0}" != 1 ] || [ ! -f "$corpus/recordings.tsv" ]; then
  if [ "${BONAFIDE_REUSE_CORPUS:-0}" != 1 ] || [ ! -f models/corpus/target/splits.tsv ]; then
    models/corpus/build-corpus.sh
  fi
  /usr/bin/python3 models/manipulation/make_corpus.py --corpus models/corpus/target --out "$corpus"
fi
rm -rf "$out"
mkdir -p "$out"
cp "$committed/card-notes.md" "$out/"
ops/bonafide train-manipulation --corpus "$corpus" --out "$out" --version "$version" --threads 1
ops/bonafide evaluate audio_manipulation_detection --corpus "$corpus" --split eval --model "$out" --threads 1
if cmp -s "$committed/booster.ubj" "$out/booster.ubj"; then
  echo "booster.ubj: byte-identical to the committed one"
else
  echo "booster.ubj: differs from the committed one (checking the figures)"
fi
python3 - "$committed/metrics.json" "$out/metrics.json" <<'PY'
import json, sys
committed, again = (json.load(open(p)) for p in sys.argv[1:3])
diff = again["eer"]["percent"] - committed["eer"]["percent"]
print("window EER committed %.2f %%, reproduced %.2f %%, difference %+.2f pp"
      % (committed["eer"]["percent"], again["eer"]["percent"], diff))
for key in ("precision", "recall", "f1", "false_segments_per_minute_unedited"):
    print("%s committed %.3f, reproduced %.3f" % (key, committed["segmentation"][key], again["segmentation"][key]))
sys.exit(0 if abs(diff) <= 0.5 else 1)
PY
