#!/usr/bin/python3
"""Builds the tiny, deterministic raw-waveform ONNX model the detection tests run.

It stands in for a trained deepfake detector with the same contract: input ``waveform``
float [batch, 64000] (4 s at 16 kHz), outputs ``logit_genuine`` [batch] and ``embedding``
[batch, 8]. Its function is simple enough for a test to recompute in Java:

    logit_genuine = 4.0 * mean(|x|) - 3.0 * mean(x^2) + 0.5 * mean(x) - 0.25
    embedding[k]  = (k + 1) * mean(|x[8000k : 8000(k+1)]|)          k = 0..7

Run with Debian's python3 (python3-onnx, python3-numpy):

    /usr/bin/python3 models/testing/make_test_model.py [output-root]

It writes ``tiny-waveform/1.0.0/`` (batch dimension dynamic) and
``tiny-waveform-fixed-batch/1.0.0/`` (batch fixed at 4), each with ``model.onnx`` and
``model.json`` (holding the file's sha256), under the output directory, by default the
detection module's test resources (``detection/src/test/resources/model``). The bytes are the
same on every run: the graph has no random weights, no timestamps, and fixed producer fields.
"""
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

WINDOW = 64000
SEGMENTS = 8
OPSET = 13  # ReduceMean takes axes as an attribute up to opset 17
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                           "detection", "src", "test", "resources", "model")


def const(name, values, dtype=np.float32):
    return numpy_helper.from_array(np.array(values, dtype=dtype), name)


def build(batch):
    nodes = [
        helper.make_node("Abs", ["waveform"], ["abs"]),
        helper.make_node("ReduceMean", ["abs"], ["mean_abs"], axes=[1], keepdims=0),
        helper.make_node("Mul", ["waveform", "waveform"], ["square"]),
        helper.make_node("ReduceMean", ["square"], ["mean_square"], axes=[1], keepdims=0),
        helper.make_node("ReduceMean", ["waveform"], ["mean"], axes=[1], keepdims=0),
        helper.make_node("Mul", ["mean_abs", "w_abs"], ["t_abs"]),
        helper.make_node("Mul", ["mean_square", "w_square"], ["t_square"]),
        helper.make_node("Mul", ["mean", "w_mean"], ["t_mean"]),
        helper.make_node("Add", ["t_abs", "t_square"], ["s1"]),
        helper.make_node("Add", ["s1", "t_mean"], ["s2"]),
        helper.make_node("Add", ["s2", "bias"], ["logit_genuine"]),
        helper.make_node("Reshape", ["abs", "segment_shape"], ["segments"]),
        helper.make_node("ReduceMean", ["segments"], ["segment_mean_abs"], axes=[2], keepdims=0),
        helper.make_node("Mul", ["segment_mean_abs", "segment_scale"], ["embedding"]),
    ]
    initializers = [
        const("w_abs", 4.0),
        const("w_square", -3.0),
        const("w_mean", 0.5),
        const("bias", -0.25),
        const("segment_shape", [-1, SEGMENTS, WINDOW // SEGMENTS], dtype=np.int64),
        const("segment_scale", [k + 1.0 for k in range(SEGMENTS)]),
    ]
    graph = helper.make_graph(
        nodes, "tiny_waveform",
        [helper.make_tensor_value_info("waveform", TensorProto.FLOAT, [batch, WINDOW])],
        [helper.make_tensor_value_info("logit_genuine", TensorProto.FLOAT, [batch]),
         helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [batch, SEGMENTS])],
        initializers)
    model = helper.make_model(graph, producer_name="bonafide-make-test-model", producer_version="1",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write(out, name, batch):
    os.makedirs(out, exist_ok=True)
    data = build(batch).SerializeToString()
    with open(os.path.join(out, "model.onnx"), "wb") as f:
        f.write(data)
    descriptor = {
        "name": name,
        "version": "1.0.0",
        "kind": "onnx",
        "file": "model.onnx",
        "sha256": hashlib.sha256(data).hexdigest(),
        "input": {"kind": "raw_waveform", "name": "waveform", "sample_rate": 16000,
                  "window_seconds": 4.0, "hop_seconds": 2.0, "min_seconds": 3.0},
        "output": {"score": "logit_genuine", "score_meaning": "logit_genuine",
                   "embedding": "embedding", "embedding_size": SEGMENTS},
        "aggregation": "mean",
        "calibration": {"kind": "affine", "a": 1.5, "b": -0.5},
        "batch_size": 4,
    }
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(descriptor, f, indent=2)
        f.write("\n")
    print(out, descriptor["sha256"])


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT)
    # The dynamic-batch model, and the same graph with its batch fixed at 4 (as some exporters make it).
    write(os.path.join(out, "tiny-waveform", "1.0.0"), "tiny-waveform", "batch")
    write(os.path.join(out, "tiny-waveform-fixed-batch", "1.0.0"), "tiny-waveform-fixed-batch", 4)


if __name__ == "__main__":
    main()
