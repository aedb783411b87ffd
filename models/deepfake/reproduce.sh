#!/usr/bin/env bash
# Rebuilds the corpus and the trials from scratch, re-evaluates the committed deepfake model
# through the Java serving pipeline, and checks that its EER matches the committed metrics.json
# within 0.5 percentage points; where the version has been read on the independent set
# (<version>/independent/metrics.json), rebuilds that set too and checks it the same way. Usage: models/deepfake/reproduce.sh [version] (default 2.1.0)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
version=${1:-2.1.0}
out=models/deepfake/target/reproduce-$version
models/corpus/build-corpus.sh
/usr/bin/python3 models/deepfake/make_trials.py --corpus models/corpus/target --out models/deepfake/target/trials
ops/bonafide evaluate deepfake_detection --corpus models/deepfake/target/trials --split eval --model "models/deepfake/$version" --out "$out"
check() {   # committed metrics.json, reproduced metrics.json, what
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
committed, again = (json.load(open(p))["eer"]["percent"] for p in sys.argv[1:3])
diff = again - committed
print("%s: EER committed %.2f %%, reproduced %.2f %%, difference %+.2f pp" % (sys.argv[3], committed, again, diff))
sys.exit(0 if abs(diff) <= 0.5 else 1)
PY
}
check "models/deepfake/$version/metrics.json" "$out/metrics.json" "corpus eval split"
# The independent set (models/corpus/INDEPENDENT.md), where the version has been read on it.
if [ -f "models/deepfake/$version/independent/metrics.json" ]; then
  models/corpus/build-independent.sh
  ops/bonafide evaluate deepfake_detection --corpus models/corpus/target/independent-trials --split eval \
      --model "models/deepfake/$version" --out "$out/independent"
  check "models/deepfake/$version/independent/metrics.json" "$out/independent/metrics.json" "independent set"
fi
