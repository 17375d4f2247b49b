#!/usr/bin/env python3
"""How fast can the weight reads of one batch-1 decode step be on this GPU? Runs only the step's matrix-vector
products (every linear layer of every block plus the LM head, fp16, random weights) as one CUDA graph in torch,
in the weight layouts an exporter can choose:

  kn       x @ W with W stored [in, out]   (what inference/export writes today: MatMul on a transposed weight)
  nk       x @ W.T with W stored [out, in] (cuBLAS "T" GEMV; ONNX Gemm/FusedMatMul with transB)
  nk-fused as nk, with q/k/v and gate/up concatenated into one product each (fewer, larger reads)

The time per step of each layout is a floor for an engine that keeps the same layout: the rest of the engine's
step (norms, attention, activation, sampling) comes on top.

  python3 gemv_floor.py --preset qwen3-8b [--rows 1]
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "export"))
from medgo_export import PRESETS  # noqa: E402


def shapes(c, fused):
    h, d, i = c["hidden_size"], c["head_dim"], c["intermediate_size"]
    q, kv = c["num_attention_heads"] * d, c["num_key_value_heads"] * d
    if fused:
        return [(q + 2 * kv, h), (h, q), (2 * i, h), (h, i)]
    return [(q, h), (kv, h), (kv, h), (h, q), (i, h), (i, h), (h, i)]


def step_time(c, layout, rows, reps=50):
    fused = layout == "nk-fused"
    per_layer = shapes(c, fused)
    weights = []
    for _ in range(c["num_hidden_layers"]):
        for n, k in per_layer:
            w = torch.empty((n, k) if layout != "kn" else (k, n), dtype=torch.float16, device="cuda").normal_(0, 0.02)
            weights.append((w, k))
    head = torch.empty((c["vocab_size"], c["hidden_size"]) if layout != "kn" else (c["hidden_size"], c["vocab_size"]),
                       dtype=torch.float16, device="cuda").normal_(0, 0.02)
    weights.append((head, c["hidden_size"]))
    inputs = {k: torch.randn(rows, k, dtype=torch.float16, device="cuda") for _, k in weights}
    outs = []

    def step():
        outs.clear()
        for w, k in weights:
            outs.append(inputs[k] @ (w if layout == "kn" else w.t()))

    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(3):
            step()
    torch.cuda.current_stream().wait_stream(s)
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        step()
    for _ in range(5):
        g.replay()
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(reps):
        g.replay()
    end.record()
    torch.cuda.synchronize()
    ms = start.elapsed_time(end) / reps
    nbytes = sum(w.numel() * 2 for w, _ in weights)
    del weights, head, inputs, outs, g
    torch.cuda.empty_cache()
    return ms, nbytes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="qwen3-8b")
    ap.add_argument("--rows", type=int, default=1)
    ap.add_argument("--layouts", default="kn,nk,nk-fused")
    a = ap.parse_args()
    c = dict(PRESETS[a.preset])
    c.setdefault("head_dim", c["hidden_size"] // c["num_attention_heads"])
    for layout in a.layouts.split(","):
        ms, nbytes = step_time(c, layout, a.rows)
        print(f"{a.preset} fp16 rows {a.rows} layout {layout}: {ms:.3f} ms per step of GEMVs, "
              f"{nbytes / 1e9:.2f} GB -> {nbytes / ms / 1e9:.2f} TB/s, {1000 / ms:.1f} steps/s", flush=True)


if __name__ == "__main__":
    main()
