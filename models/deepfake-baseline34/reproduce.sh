#!/usr/bin/env bash
# Retrains the 34-feature XGBoost deepfake baseline from scratch through the Java pipeline
# (`bonafide train-xgboost`), evaluates it on the held-out eval split (`bonafide evaluate --model`),
# and checks that its EER matches the committed metrics.json within 0.5 percentage points. It also
# says whether the booster came out byte-identical to the committed one (it does on the same JDK
# and CPU family; the gate is the EER). Usage: models/deepfake-baseline34/reproduce.sh [version]
# (default 1.1.0). BONAFIDE_REUSE_TRIALS=1 skips rebuilding the corpus and trials when
# models/deepfake/target/trials already exists.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
version=${1:-1.1.0}
committed=models/deepfake-baseline34/$version
out=models/deepfake-baseline34/target/reproduce-$version
trials=models/deepfake/target/trials
if [ "${BONAFIDE_REUSE_TRIALS:-0}" != 1 ] || [ ! -f "$trials/splits.tsv" ]; then
  models/corpus/build-corpus.sh
  /usr/bin/python3 models/deepfake/make_trials.py --corpus models/corpus/target --out "$trials"
fi
rm -rf "$out"
mkdir -p "$out"
cp "$committed/card-notes.md" "$out/"
ops/bonafide train-xgboost --corpus "$trials" --out "$out" --version "$version"
ops/bonafide evaluate deepfake_detection --corpus "$trials" --split eval --model "$out"
if cmp -s "$committed/booster.ubj" "$out/booster.ubj"; then
  echo "booster.ubj: byte-identical to the committed one"
else
  echo "booster.ubj: differs from the committed one (checking the EER)"
fi
python3 - "$committed/metrics.json" "$out/metrics.json" <<'PY'
import json, sys
committed, again = (json.load(open(p))["eer"]["percent"] for p in sys.argv[1:3])
diff = again - committed
print("EER committed %.2f %%, reproduced %.2f %%, difference %+.2f pp" % (committed, again, diff))
sys.exit(0 if abs(diff) <= 0.5 else 1)
PY
