#!/usr/bin/env bash
# Rebuilds the replay corpus from the stage-2 corpus, retrains the replay model from scratch through
# the Java pipeline (`bonafide train-xgboost --feature-set replay198`), evaluates it on the held-out
# eval split (unseen loudspeaker, room and microphone families, unseen speakers) and checks that
# its EER matches the committed metrics.json within 0.5 percentage points. It also says whether the
# booster came out byte-identical to the committed one (the gate is the EER).
# Usage: models/replay/reproduce.sh [version] (default 2.0.0). BONAFIDE_REUSE_CORPUS=1 skips
# rebuilding models/corpus/target and models/replay/target/corpus when they exist.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
version=${1:-2.0.0}
committed=models/replay/$version
out=models/replay/target/reproduce-$version
corpus=models/replay/target/corpus
if [ "${BONAFIDE_REUSE_CORPUS:-0}" != 1 ] || [ ! -f "$corpus/splits.tsv" ]; then
  if [ "${BONAFIDE_REUSE_CORPUS:-0}" != 1 ] || [ ! -f models/corpus/target/splits.tsv ]; then
    models/corpus/build-corpus.sh
  fi
  /usr/bin/python3 models/replay/make_corpus.py --corpus models/corpus/target --out "$corpus"
fi
rm -rf "$out"
mkdir -p "$out"
cp "$committed/card-notes.md" "$out/"
ops/bonafide train-xgboost --corpus "$corpus" --out "$out" --feature-set replay198 \
    --name bonafide-replay-sn198 --version "$version" --threads 1 --min-seconds 2.0 \
    --rounds 400 --max-depth 3 --eta 0.05
ops/bonafide evaluate replay_attack_detection --corpus "$corpus" --split eval --model "$out" --threads 1
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
