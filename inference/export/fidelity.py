#!/usr/bin/env python3
"""Proof that an exported bundle computes what transformers' Qwen3ForCausalLM computes, and the goldens
the Java tests check against. Runs where torch + transformers + onnxruntime are installed (the GPU
machine's Python); the exporter itself needs only numpy + onnx.

  python3 inference/export/fidelity.py --out OUT_DIR

Writes to OUT_DIR:
  fidelity.json      max abs / rel logits error (prefill + decode steps with the KV cache) per config
  greedy-demo.json   64 greedy tokens of the demo bundle's weights from transformers (+ ORT's, must match)
  chat-template.json apply_chat_template text and ids for the conversations the Java test renders
"""
import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnxruntime as ort
import torch
from transformers import AutoTokenizer, Qwen3ForCausalLM

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DEMO = os.path.join(ROOT, "inference", "demo-model")
DEMO_ARGS = ["--preset", "demo", "--random", "--seed", "20261125", "--dtype", "fp32", "--embed-fp16"]
PROMPT = [{"role": "system", "content": "You are MedGo, a clinical assistant."},
          {"role": "user", "content": "患者男，67岁，发热三天，伴咳嗽。Differential diagnosis?"}]


def export(args, out, ckpt):
    subprocess.run([sys.executable, os.path.join(HERE, "medgo_export.py"), *args, "--out", out,
                    "--save-checkpoint", ckpt], check=True)


def ort_session(bundle):
    so = ort.SessionOptions()
    so.intra_op_num_threads = 4
    return ort.InferenceSession(os.path.join(bundle, "model.onnx"), so, providers=["CPUExecutionProvider"])


def ort_step(sess, cfg, ids, past, total):
    feeds = {"input_ids": np.array([ids], np.int64), "attention_mask": np.ones((1, total), np.int64)}
    for l in range(cfg["num_hidden_layers"]):
        feeds[f"past_key_values.{l}.key"], feeds[f"past_key_values.{l}.value"] = past[l]
    outs = sess.run(None, feeds)
    layers = cfg["num_hidden_layers"]
    return outs[0][0, -1].astype(np.float64), [(outs[1 + 2 * l], outs[2 + 2 * l]) for l in range(layers)]


def empty_past(cfg):
    shape = (1, cfg["num_key_value_heads"], 0, cfg["head_dim"])
    return [(np.zeros(shape, np.float32), np.zeros(shape, np.float32)) for _ in range(cfg["num_hidden_layers"])]


def compare_logits(name, bundle, ckpt, prompt_ids, decode_steps=8):
    cfg = json.load(open(os.path.join(ckpt, "config.json")))
    model = Qwen3ForCausalLM.from_pretrained(ckpt, dtype=torch.float32, attn_implementation="eager").eval()
    sess = ort_session(bundle)
    ids = list(prompt_ids)
    logits, past = ort_step(sess, cfg, ids, empty_past(cfg), len(ids))
    worst_abs, worst_rel = 0.0, 0.0
    for step in range(decode_steps + 1):
        with torch.no_grad():
            ref = model(torch.tensor([ids])).logits[0, -1].double().numpy()
        err = np.abs(logits - ref)
        worst_abs = max(worst_abs, float(err.max()))
        worst_rel = max(worst_rel, float(err.max() / np.abs(ref).max()))
        if step == decode_steps:
            break
        nxt = int(np.argmax(ref))
        ids.append(nxt)
        logits, past = ort_step(sess, cfg, [nxt], past, len(ids))
    return {"config": name, "layers": cfg["num_hidden_layers"], "hidden": cfg["hidden_size"],
            "prompt_tokens": len(prompt_ids), "decode_steps": decode_steps,
            "max_abs_error": worst_abs, "max_rel_error": worst_rel}


def greedy(bundle, ckpt, prompt_ids, n=64):
    cfg = json.load(open(os.path.join(ckpt, "config.json")))
    model = Qwen3ForCausalLM.from_pretrained(ckpt, dtype=torch.float32, attn_implementation="eager").eval()
    # plain argmax over full recomputation: no end-of-sequence or generation-config logic in the way
    seq = list(prompt_ids)
    with torch.no_grad():
        for _ in range(n):
            seq.append(int(model(torch.tensor([seq])).logits[0, -1].argmax()))
    hf = seq[len(prompt_ids):]
    sess = ort_session(bundle)
    ids, past, onnx_ids = list(prompt_ids), empty_past(cfg), []
    feed = list(prompt_ids)
    for _ in range(n):
        logits, past = ort_step(sess, cfg, feed, past, len(ids))
        tok = int(np.argmax(logits))
        onnx_ids.append(tok)
        ids.append(tok)
        feed = [tok]
    return hf, onnx_ids


def chat_goldens(tokenizer_dir):
    spec = importlib.util.spec_from_file_location(
        "render", os.path.join(ROOT, "inference", "src", "test", "scripts", "render_chat_template.py"))
    render = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render)
    tok = AutoTokenizer.from_pretrained(tokenizer_dir)
    cases = []
    for conv in render.CONVERSATIONS:
        messages, thinking = conv[0], conv[1]
        generation = conv[2] if len(conv) > 2 else True
        text = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation,
                                       enable_thinking=thinking)
        cases.append({"messages": messages, "enable_thinking": thinking, "add_generation_prompt": generation,
                      "text": text, "ids": tok(text, add_special_tokens=False)["input_ids"]})
    return {"source": "transformers apply_chat_template (transformers "
                      + __import__("transformers").__version__ + ") on inference/demo-model tokenizer files",
            "cases": cases}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(0)
    tok = AutoTokenizer.from_pretrained(DEMO)
    prompt_ids = tok.apply_chat_template(PROMPT, tokenize=True, add_generation_prompt=True, enable_thinking=False)
    if isinstance(prompt_ids, dict) or hasattr(prompt_ids, "input_ids"):
        prompt_ids = prompt_ids["input_ids"]
    prompt_ids = list(prompt_ids)
    work = tempfile.mkdtemp()
    results = []

    demo_bundle, demo_ckpt = os.path.join(work, "demo"), os.path.join(work, "demo-ckpt")
    export(DEMO_ARGS, demo_bundle, demo_ckpt)
    digest = hashlib.sha256(open(os.path.join(demo_bundle, "model.onnx"), "rb").read()).hexdigest()
    committed = hashlib.sha256(open(os.path.join(DEMO, "model.onnx"), "rb").read()).hexdigest()
    results.append(compare_logits("demo (2 layers, hidden 32, tied)", demo_bundle, demo_ckpt, prompt_ids))

    small = {"vocab_size": 151936, "hidden_size": 256, "intermediate_size": 768, "num_hidden_layers": 4,
             "num_attention_heads": 8, "num_key_value_heads": 4, "head_dim": 64, "rms_norm_eps": 1e-6,
             "rope_theta": 1000000.0, "max_position_embeddings": 2048, "tie_word_embeddings": False,
             "bos_token_id": 151643, "eos_token_id": 151645, "model_type": "qwen3",
             "architectures": ["Qwen3ForCausalLM"], "hidden_act": "silu", "attention_bias": False}
    cfg_path = os.path.join(work, "small.json")
    json.dump(small, open(cfg_path, "w"))
    small_bundle, small_ckpt = os.path.join(work, "small"), os.path.join(work, "small-ckpt")
    export(["--config", cfg_path, "--random", "--seed", "7", "--dtype", "fp32"], small_bundle, small_ckpt)
    results.append(compare_logits("small (4 layers, hidden 256, untied)", small_bundle, small_ckpt, prompt_ids))

    hf_ids, onnx_ids = greedy(demo_bundle, demo_ckpt, prompt_ids)
    golden = {"source": "transformers Qwen3ForCausalLM greedy (fp32, eager) on the demo bundle's weights",
              "model_sha256": digest, "committed_model_sha256": committed,
              "onnxruntime_python_matches": hf_ids == onnx_ids,
              "cases": [{"prompt_ids": prompt_ids, "generated_ids": hf_ids}]}
    json.dump(golden, open(os.path.join(a.out, "greedy-demo.json"), "w"), indent=1)
    json.dump(chat_goldens(DEMO), open(os.path.join(a.out, "chat-template.json"), "w"), indent=1,
              ensure_ascii=False)
    summary = {"logits": results, "greedy_64_hf_equals_onnx": hf_ids == onnx_ids,
               "demo_export_reproduces_committed_bundle": digest == committed,
               "versions": {"torch": torch.__version__, "transformers": __import__("transformers").__version__,
                            "onnxruntime": ort.__version__}}
    json.dump(summary, open(os.path.join(a.out, "fidelity.json"), "w"), indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
