#!/usr/bin/python3
"""Joins deepfake models trained by train.py (same recipe, different seeds) into one ONNX graph.

Run with Debian's python3-onnx: /usr/bin/python3 models/deepfake/ensemble.py --out DIR MEMBER_DIR...
Every MEMBER_DIR holds what train.py wrote (model.onnx, model.json, dev-scores.tsv,
training.json). The members' fixed front end (level normalisation, DFT-basis conv, log power,
per-bin mean removal: the nodes named /front/...) is identical by construction; the graph keeps
one copy of it and feeds its output to every member's network, so the ensemble costs one front
end plus one network per member. Outputs:
  logit_genuine  float [batch]       mean of the members' (uncalibrated) logits
  embedding      float [batch, 64*n] the members' embeddings side by side (they live in
                                     different spaces, so they are not averaged)
Calibration is refitted on dev. At the members' hop (2 s) the ensemble's raw dev score of a trial
is the mean over members of their raw dev scores (window aggregation is a mean, so the two means
commute), read from the members' dev-scores.tsv; the Java pipeline's dev scores through the joined
graph must match them. Another hop (--hop-seconds 4: windows touch instead of overlapping, half the
cost on long audio) changes which windows a trial gets, so the dev scores must come from the Java
pipeline: run once without --calibrate-on (the descriptor gets a = 1, b = 0), score dev with
`ops/bonafide evaluate deepfake_detection --corpus TRIALS --split dev --model OUT --out DIR`, and
run again with --calibrate-on DIR/scores.tsv.
Writes model.onnx, model.json, dev-scores.tsv and ensemble.json (members, their checksums and
dev figures, the ensemble's dev figures). Deterministic: the same members give the same bytes.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train import cllr, eer, fit_calibration, write_descriptor, write_dev_scores  # noqa: E402  (as training)

FRONT = "/front/"
INPUT = "waveform"


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def front_part(graph):
    """The front-end nodes, the tensors they produce, the initializers only they read, and the
    front end's output (the one front tensor read by a node outside the front end)."""
    nodes = [n for n in graph.node if n.name.startswith(FRONT)]
    produced = {o for n in nodes for o in n.output}
    read_outside = {i for n in graph.node if not n.name.startswith(FRONT) for i in n.input}
    inits = {t.name for t in graph.initializer
             if any(t.name in n.input for n in nodes) and t.name not in read_outside}
    boundary = sorted(produced & read_outside)
    if len(boundary) != 1:
        raise SystemExit("expected one front-end output, found %s" % boundary)
    return nodes, produced, inits, boundary[0]


def join(models):
    first = models[0].graph
    front_nodes, front_tensors, front_inits, front_out = front_part(first)
    reference = [n.SerializeToString() for n in front_nodes]
    reference_inits = {t.name: t.SerializeToString() for t in first.initializer if t.name in front_inits}
    nodes = list(front_nodes)
    inits = [t for t in first.initializer if t.name in front_inits]
    logits, embeddings = [], []
    for k, model in enumerate(models):
        g = model.graph
        f_nodes, _, f_inits, f_out = front_part(g)
        if [n.SerializeToString() for n in f_nodes] != reference or f_out != front_out or \
                {t.name: t.SerializeToString() for t in g.initializer if t.name in f_inits} != reference_inits:
            raise SystemExit("member %d: its front end differs from member 0's" % k)
        prefix = "m%d/" % k

        def rename(name):
            return name if name in ("", INPUT) or name in front_tensors or name in front_inits else prefix + name

        for n in g.node:
            if n.name.startswith(FRONT):
                continue
            copy = onnx.NodeProto()
            copy.CopyFrom(n)
            copy.name = prefix + n.name
            copy.input[:] = [rename(i) for i in n.input]
            copy.output[:] = [rename(o) for o in n.output]
            nodes.append(copy)
        for t in g.initializer:
            if t.name in f_inits:
                continue
            copy = onnx.TensorProto()
            copy.CopyFrom(t)
            copy.name = prefix + t.name
            inits.append(copy)
        logits.append(prefix + "logit_genuine")
        embeddings.append(prefix + "embedding")
    nodes.append(helper.make_node("Mean", logits, ["logit_genuine"], name="/ensemble/Mean"))
    nodes.append(helper.make_node("Concat", embeddings, ["embedding"], name="/ensemble/Concat", axis=1))
    width = 64 * len(models)
    graph = helper.make_graph(
        nodes, "bonafide-deepfake-ensemble",
        [helper.make_tensor_value_info(INPUT, onnx.TensorProto.FLOAT, ["batch", 64000])],
        [helper.make_tensor_value_info("logit_genuine", onnx.TensorProto.FLOAT, ["batch"]),
         helper.make_tensor_value_info("embedding", onnx.TensorProto.FLOAT, ["batch", width])],
        initializer=inits)
    joined = helper.make_model(graph, opset_imports=list(models[0].opset_import),
                               producer_name="bonafide models/deepfake/ensemble.py")
    joined.ir_version = models[0].ir_version
    onnx.checker.check_model(joined, full_check=True)
    return joined, width


def read_dev_scores(directory):
    with open(os.path.join(directory, "dev-scores.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]


def labels_of(rows):
    """1 for a genuine dev trial, 0 for an attack."""
    return [1 if r["label"] == "genuine" else 0 for r in rows]


def per_generator(scores, rows):
    labels = np.asarray(labels_of(rows))
    out = {}
    for gen in sorted({r["generator"] for r in rows if r["label"] != "genuine"}):
        keep = [i for i, r in enumerate(rows) if r["label"] == "genuine" or r["generator"] == gen]
        out[gen] = eer(np.asarray(scores)[keep], labels[keep])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("members", nargs="+", help="directories written by train.py")
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="bonafide-deepfake-speccnn")
    ap.add_argument("--version", required=True)
    ap.add_argument("--hop-seconds", type=float, default=2.0, help="window hop of the descriptor (window 4 s)")
    ap.add_argument("--calibrate-on", help="scores.tsv of the Java pipeline on dev, with a = 1, b = 0 (another hop)")
    args = ap.parse_args()
    if not 0 < args.hop_seconds <= 4.0:
        raise SystemExit("--hop-seconds must be in (0, 4]")

    models = [onnx.load(os.path.join(d, "model.onnx")) for d in args.members]
    joined, width = join(models)

    rows = None
    member_scores = []
    members = []
    for d in args.members:
        dev = read_dev_scores(d)
        if rows is None:
            rows = dev
        elif [(r["trial"], r["label"]) for r in dev] != [(r["trial"], r["label"]) for r in rows]:
            raise SystemExit("%s: dev trials differ from the first member's" % d)
        scores = [float(r["raw_score"]) for r in dev]
        member_scores.append(scores)
        with open(os.path.join(d, "training.json"), encoding="utf-8") as f:
            training = json.load(f)
        gens = per_generator(scores, dev)
        members.append({"directory": os.path.basename(os.path.normpath(d)), "seed": training["seed"],
                        "sha256": sha256(os.path.join(d, "model.onnx")), "chosen": training.get("chosen"),
                        "kept_epoch": training.get("kept_epoch"),
                        "dev_eer": eer(scores, labels_of(dev)),
                        "dev_mean_generator_eer": float(np.mean(list(gens.values()))),
                        "dev_eer_per_generator": gens})
    labels = labels_of(rows)
    scores = np.mean(np.asarray(member_scores), axis=0)
    dev_scores_from = "members' torch dev scores (hop 2 s)"
    if args.calibrate_on:
        with open(args.calibrate_on, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            java = {r["trial"]: float(r["score"]) for r in
                    (dict(zip(header, line.rstrip("\n").split("\t"))) for line in f)}
        if sorted(java) != sorted(r["trial"] for r in rows):
            raise SystemExit("%s: not the dev trials of the members" % args.calibrate_on)
        scores = np.asarray([java[r["trial"]] for r in rows])
        dev_scores_from = "Java pipeline at hop %g s (%s)" % (args.hop_seconds, os.path.basename(args.calibrate_on))
    if args.hop_seconds != 2.0 and not args.calibrate_on:
        a, b = 1.0, 0.0
        print("hop %g s: wrote a = 1, b = 0; score dev with the Java pipeline and rerun with --calibrate-on"
              % args.hop_seconds, file=sys.stderr)
    else:
        a, b = fit_calibration(scores, labels)
    gens = per_generator(scores, rows)
    figures = {"dev_trials": len(rows), "dev_eer": eer(scores, labels),
               "dev_mean_generator_eer": float(np.mean(list(gens.values()))),
               "dev_cllr_calibrated": cllr(a * scores + b, labels), "dev_eer_per_generator": gens,
               "calibration": {"a": a, "b": b}, "dev_scores_from": dev_scores_from,
               "hop_seconds": args.hop_seconds}
    for m in members:
        print("member seed %d: dev EER %.2f%%, mean per generator %.2f%%" % (
            m["seed"], 100 * m["dev_eer"], 100 * m["dev_mean_generator_eer"]), file=sys.stderr)
    print("ensemble of %d: dev EER %.2f%%, mean per generator %.2f%%, Cllr %.3f, a=%.4f b=%.4f %s" % (
        len(members), 100 * figures["dev_eer"], 100 * figures["dev_mean_generator_eer"],
        figures["dev_cllr_calibrated"], a, b,
        " ".join("%s=%.1f" % (g.split(":")[-1], 100 * e) for g, e in gens.items())), file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    onnx.save(joined, onnx_path)
    write_descriptor(args.out, args.name, args.version, sha256(onnx_path), a, b, args.hop_seconds, width)
    write_dev_scores(args.out, [(r["trial"], r["label"], sc, r["generator"]) for r, sc in zip(rows, scores)])
    with open(os.path.join(args.out, "ensemble.json"), "w", encoding="utf-8") as f:
        json.dump({"members": members, "combination": "mean of raw logits; embeddings concatenated",
                   "onnx": onnx.__version__, **figures}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
