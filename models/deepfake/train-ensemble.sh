#!/usr/bin/env bash
# Trains a deepfake ensemble (the model 2.1.0 by default) from the corpus: three members with train.py (the 2.0.0 recipe,
# seeds 20261121..20261123), joined by ensemble.py into one graph with a 4 s hop, calibrated on the
# Java pipeline's dev scores. Usage: models/deepfake/train-ensemble.sh OUT_DIR [WORK_DIR [VERSION [TRAIN_ARG ...]]]
# (VERSION default 2.1.0; TRAIN_ARGs go to every train.py run: candidate 2.4.0 is
# `train-ensemble.sh OUT models/deepfake/target/pitch 2.4.0 --pitch-edges 150,200`).
# Needs the corpus and the trials (models/deepfake/reproduce.sh builds both) and a built launcher.
# A member whose WORK_DIR/seed-S/model.onnx exists is not trained again. The first member is
# trained with two threads (that reproduces 2.0.0's ONNX file byte for byte), the other two with one
# thread each, side by side afterwards: about 45 min on a 2-core machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${1:?usage: train-ensemble.sh OUT_DIR [WORK_DIR [VERSION [TRAIN_ARG ...]]]}
work=${2:-models/deepfake/target/ensemble}
version=${3:-2.1.0}
shift $(( $# < 3 ? $# : 3 ))
trials=models/deepfake/target/trials
train_args=("$@")
mkdir -p "$work"

member() {   # seed threads
  if [ ! -f "$work/seed-$1/model.onnx" ]; then
    /usr/bin/python3 models/deepfake/train.py --corpus models/corpus/target --dev-trials "$trials" \
        --out "$work/seed-$1" --seed "$1" --threads "$2" "${train_args[@]}" > "$work/seed-$1.log" 2>&1
  fi
}
member 20261121 2
member 20261122 1 & first=$!
member 20261123 1 & second=$!
wait "$first"
wait "$second"

members=("$work/seed-20261121" "$work/seed-20261122" "$work/seed-20261123")
/usr/bin/python3 models/deepfake/ensemble.py "${members[@]}" --out "$out" --version "$version" --hop-seconds 4
ops/bonafide evaluate deepfake_detection --corpus "$trials" --split dev --model "$out" --out "$work/dev-uncalibrated"
/usr/bin/python3 models/deepfake/ensemble.py "${members[@]}" --out "$out" --version "$version" --hop-seconds 4 \
    --calibrate-on "$work/dev-uncalibrated/scores.tsv"
sha256sum "$out/model.onnx"
