#!/usr/bin/env python3
"""Export MedGo (Qwen3) to an ONNX model bundle in onnxruntime-genai's layout.

  # MedGo from its Hugging Face checkpoint, fp16, for the CUDA provider:
  python3 inference/export/medgo_export.py --checkpoint /models/MedGo-32B --dtype fp16 --out /models/medgo-onnx
  # the same with 4-bit weights (MatMulNBits, block 128):
  python3 inference/export/medgo_export.py --checkpoint /models/MedGo-32B --dtype fp16 --int4 128 --out DIR
  # random weights of a given shape (tests, benchmarks):
  python3 inference/export/medgo_export.py --preset qwen3-8b --random --seed 1 --dtype fp16 --out DIR
  # with token selection on the device (TopK of the last logits as extra outputs):
  python3 inference/export/medgo_export.py ... --device-selection 64 --out DIR
"""
import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from checkpoint import Qwen3Config, RandomWeights, SafetensorsWeights, write_safetensors  # noqa: E402
from qwen3_onnx import InitializerSink, Qwen3Graph  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TOKENIZER = os.path.join(HERE, "..", "demo-model")

_QWEN3_COMMON = {"vocab_size": 151936, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "head_dim": 128,
                 "max_position_embeddings": 40960, "bos_token_id": 151643, "eos_token_id": 151645,
                 "model_type": "qwen3", "architectures": ["Qwen3ForCausalLM"], "hidden_act": "silu",
                 "attention_bias": False}
PRESETS = {
    # the demo bundle: real vocabulary, tiny body (random text, for wiring and tests only)
    "demo": dict(_QWEN3_COMMON, hidden_size=32, intermediate_size=96, num_hidden_layers=2,
                 num_attention_heads=4, num_key_value_heads=2, head_dim=16, tie_word_embeddings=True,
                 max_position_embeddings=4096),
    "qwen3-8b": dict(_QWEN3_COMMON, hidden_size=4096, intermediate_size=12288, num_hidden_layers=36,
                     num_attention_heads=32, num_key_value_heads=8, tie_word_embeddings=False),
    "qwen3-32b": dict(_QWEN3_COMMON, hidden_size=5120, intermediate_size=25600, num_hidden_layers=64,
                      num_attention_heads=64, num_key_value_heads=8, tie_word_embeddings=False),
}


def tokenizer_size(tokenizer_dir):
    """Ids the tokenizer knows (largest id + 1), as the engine counts them."""
    with open(os.path.join(tokenizer_dir, "tokenizer.json"), encoding="utf-8") as f:
        t = json.load(f)
    ids = list(t["model"]["vocab"].values()) + [a["id"] for a in t.get("added_tokens", [])]
    return max(ids) + 1


def genai_config(c, context_length, dtype, selection=None):
    config = {
        "model": {
            "bos_token_id": c.bos,
            "context_length": context_length,
            "decoder": {
                "session_options": {"log_id": "onnxruntime-genai", "provider_options": []},
                "filename": "model.onnx",
                "head_size": c.head_dim,
                "hidden_size": c.hidden,
                "inputs": {"input_ids": "input_ids", "attention_mask": "attention_mask",
                           "past_key_names": "past_key_values.%d.key",
                           "past_value_names": "past_key_values.%d.value"},
                "outputs": {"logits": "logits", "present_key_names": "present.%d.key",
                            "present_value_names": "present.%d.value"},
                "num_attention_heads": c.heads,
                "num_hidden_layers": c.layers,
                "num_key_value_heads": c.kv_heads,
            },
            "eos_token_id": sorted(set(c.eos + [151645, 151643])),
            "pad_token_id": 151643,
            "type": "qwen3",
            "vocab_size": c.vocab,
        },
        "search": {"do_sample": False, "max_length": context_length, "past_present_share_buffer": True,
                   "num_beams": 1, "temperature": 1.0, "top_k": 1, "top_p": 1.0},
        "medgo": {"dtype": dtype, "exporter": "inference/export/medgo_export.py"},
    }
    if selection:
        config["model"]["decoder"]["outputs"].update(topk_values="topk_values", topk_ids="topk_ids")
        config["medgo"]["selection"] = {"top_k": selection[0], "vocab": selection[1]}
    return config


def export(config, weights, out, dtype="fp32", int4_block=0, embed_fp16=False, context_length=None,
           tokenizer_dir=None, external_data=None, fuse_projections=False, device_selection=0):
    os.makedirs(out, exist_ok=True)
    tokenizer_dir = tokenizer_dir or DEFAULT_TOKENIZER
    selection = (device_selection, tokenizer_size(tokenizer_dir)) if device_selection else None
    context_length = min(context_length or config.max_positions, config.max_positions)
    params = sum(int(__import__("numpy").prod(s)) for _, s in config.tensor_shapes())
    if external_data is None:  # protobuf caps a single file at 2 GB
        external_data = params * (2 if dtype != "fp32" else 4) > 1_500_000_000
    sink = InitializerSink(os.path.join(out, "model.onnx.data"), "model.onnx.data") if external_data \
        else InitializerSink()
    graph = Qwen3Graph(config, weights, dtype=dtype, int4_block=int4_block, embed_fp16=embed_fp16,
                       context_length=context_length, sink=sink, fuse_projections=fuse_projections,
                       selection=selection)
    try:
        model = graph.build()
    finally:
        sink.close()
    with open(os.path.join(out, "model.onnx"), "wb") as f:
        f.write(model.SerializeToString())
    with open(os.path.join(out, "genai_config.json"), "w", encoding="utf-8") as f:
        json.dump(genai_config(config, context_length, dtype + (f"-int4-b{int4_block}" if int4_block else ""),
                               selection), f, indent=2)
        f.write("\n")
    for name in ("tokenizer.json", "tokenizer_config.json"):
        src = os.path.join(tokenizer_dir, name)
        if not os.path.exists(src):
            raise FileNotFoundError(f"{src} missing: pass --tokenizer DIR holding tokenizer.json and "
                                    f"tokenizer_config.json")
        if os.path.abspath(src) != os.path.abspath(os.path.join(out, name)):
            shutil.copyfile(src, os.path.join(out, name))
    return sink.bytes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", help="Hugging Face folder: config.json + *.safetensors (+ tokenizer files)")
    src.add_argument("--preset", choices=sorted(PRESETS), help="a known Qwen3 shape (use with --random)")
    src.add_argument("--config", help="a config.json of the shape to build (use with --random)")
    ap.add_argument("--random", action="store_true", help="seeded random weights instead of a checkpoint")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dtype", choices=["fp32", "fp16", "bf16"], default="fp16")
    ap.add_argument("--int4", type=int, default=0, metavar="BLOCK",
                    help="4-bit weights (MatMulNBits) with this block size, e.g. 32 or 128")
    ap.add_argument("--embed-fp16", action="store_true", help="store the embedding in fp16 (demo bundle size)")
    ap.add_argument("--fuse-projections", action="store_true",
                    help="q/k/v and gate/up as one product each (faster batch-1 decode on a GPU; same IO)")
    ap.add_argument("--device-selection", type=int, default=0, metavar="K",
                    help="add TopK(K <= 64) of the last logits as outputs (token selection on the device)")
    ap.add_argument("--context-length", type=int, help="rotary cache length (default: the config's maximum)")
    ap.add_argument("--tokenizer", help="folder with tokenizer.json + tokenizer_config.json "
                                        "(default: the checkpoint, else inference/demo-model)")
    ap.add_argument("--external-data", action="store_true", default=None, help="force model.onnx.data")
    ap.add_argument("--save-checkpoint", help="also write the (random) weights as a HF checkpoint here")
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)

    if a.checkpoint:
        config = Qwen3Config.load(os.path.join(a.checkpoint, "config.json"))
        weights = SafetensorsWeights(a.checkpoint)
        tokenizer = a.tokenizer or (a.checkpoint if os.path.exists(os.path.join(a.checkpoint, "tokenizer.json"))
                                    else None)
    else:
        if not a.random:
            ap.error("--preset/--config need --random (no weights otherwise)")
        raw = PRESETS[a.preset] if a.preset else json.load(open(a.config, encoding="utf-8"))
        config = Qwen3Config(raw)
        weights = RandomWeights(config, a.seed)
        tokenizer = a.tokenizer
    if a.save_checkpoint:
        os.makedirs(a.save_checkpoint, exist_ok=True)
        with open(os.path.join(a.save_checkpoint, "config.json"), "w", encoding="utf-8") as f:
            json.dump(dict(config.raw, torch_dtype="float32"), f, indent=2)
        tensors = []
        for name, shape in config.tensor_shapes():
            w = weights.get(name, shape)
            if a.embed_fp16 and name == "model.embed_tokens.weight":
                w = w.astype("float16").astype("float32")  # what the bundle stores
            tensors.append((name, w))
        write_safetensors(os.path.join(a.save_checkpoint, "model.safetensors"), tensors)
    n = export(config, weights, a.out, dtype=a.dtype, int4_block=a.int4, embed_fp16=a.embed_fp16,
               context_length=a.context_length, tokenizer_dir=tokenizer, external_data=a.external_data,
               fuse_projections=a.fuse_projections, device_selection=a.device_selection)
    print(f"wrote {a.out}: {config.layers} layers, hidden {config.hidden}, {n / 1e9:.2f} GB of weights",
          file=sys.stderr)


if __name__ == "__main__":
    main()
