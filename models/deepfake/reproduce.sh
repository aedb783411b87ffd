#!/usr/bin/env bash
# Rebuilds the corpus and the trials from scratch, re-evaluates the committed deepfake model
# through the Java serving pipeline, and checks that its EER matches the committed metrics.json
# within 0.5 percentage points. Usage: models/deepfake/reproduce.sh [version] (default 2.1.0)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
version=${1:-2.1.0}
out=models/deepfake/target/reproduce-$version
models/corpus/build-corpus.sh
/usr/bin/python3 models/deepfake/make_trials.py --corpus models/corpus/target --out models/deepfake/target/trials
ops/bonafide evaluate deepfake_detection --corpus models/deepfake/target/trials --split eval --out "$out"
python3 - "models/deepfake/$version/metrics.json" "$out/metrics.json" <<'PY'
import json, sys
committed, again = (json.load(open(p))["eer"]["percent"] for p in sys.argv[1:3])
diff = again - committed
print("EER committed %.2f %%, reproduced %.2f %%, difference %+.2f pp" % (committed, again, diff))
sys.exit(0 if abs(diff) <= 0.5 else 1)
PY
