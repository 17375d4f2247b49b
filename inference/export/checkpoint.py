"""Qwen3 weights: read a Hugging Face checkpoint (config.json + safetensors) or make seeded random ones.

Only numpy is needed. Tensors are produced one at a time so a 32B model never sits in memory whole.
"""
import hashlib
import json
import os
import struct

import numpy as np

_ST_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": np.uint16, "F64": np.float64}


def bf16_to_f32(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def f32_to_bf16(x):
    """Round to nearest even, as torch does."""
    u = np.ascontiguousarray(x, dtype=np.float32).view(np.uint32)
    rounding = ((u >> 16) & 1) + 0x7FFF
    return ((u + rounding) >> 16).astype(np.uint16)


class Qwen3Config:
    """The fields of a Hugging Face Qwen3 config.json the graph needs."""

    def __init__(self, d):
        self.raw = d
        self.hidden = d["hidden_size"]
        self.intermediate = d["intermediate_size"]
        self.layers = d["num_hidden_layers"]
        self.heads = d["num_attention_heads"]
        self.kv_heads = d.get("num_key_value_heads", self.heads)
        self.head_dim = d.get("head_dim") or self.hidden // self.heads
        self.eps = d.get("rms_norm_eps", 1e-6)
        rope = d.get("rope_parameters") or d.get("rope_scaling") or {}
        self.rope_theta = d.get("rope_theta", rope.get("rope_theta", 1000000.0))
        if rope.get("rope_type", rope.get("type", "default")) not in ("default", None):
            raise ValueError("only default RoPE is supported, got " + str(rope))
        self.vocab = d["vocab_size"]
        self.tied = bool(d.get("tie_word_embeddings", False))
        self.max_positions = d.get("max_position_embeddings", 40960)
        self.bos = d.get("bos_token_id", 151643)
        eos = d.get("eos_token_id", 151645)
        self.eos = eos if isinstance(eos, list) else [eos]

    @staticmethod
    def load(path):
        with open(path, encoding="utf-8") as f:
            return Qwen3Config(json.load(f))

    def tensor_shapes(self):
        """HF parameter names and shapes, in the order the graph uses them."""
        h, d, i = self.hidden, self.head_dim, self.intermediate
        yield "model.embed_tokens.weight", (self.vocab, h)
        for l in range(self.layers):
            p = f"model.layers.{l}."
            yield p + "input_layernorm.weight", (h,)
            yield p + "self_attn.q_proj.weight", (self.heads * d, h)
            yield p + "self_attn.k_proj.weight", (self.kv_heads * d, h)
            yield p + "self_attn.v_proj.weight", (self.kv_heads * d, h)
            yield p + "self_attn.q_norm.weight", (d,)
            yield p + "self_attn.k_norm.weight", (d,)
            yield p + "self_attn.o_proj.weight", (h, self.heads * d)
            yield p + "post_attention_layernorm.weight", (h,)
            yield p + "mlp.gate_proj.weight", (i, h)
            yield p + "mlp.up_proj.weight", (i, h)
            yield p + "mlp.down_proj.weight", (h, i)
        yield "model.norm.weight", (h,)
        if not self.tied:
            yield "lm_head.weight", (self.vocab, h)


class RandomWeights:
    """Seeded random weights. Each tensor has its own stream (seed, name), so any subset reproduces.

    Scales keep activations near unit size at any width so that logits have clear winners: greedy decoding
    of a random model is then stable across implementations (a near-uniform softmax would let float
    rounding pick different tokens).
    """

    def __init__(self, config, seed):
        self.config = config
        self.seed = seed

    def _rng(self, name):
        digest = hashlib.sha256(f"{self.seed}:{name}".encode()).digest()
        return np.random.default_rng(int.from_bytes(digest[:8], "little"))

    def get(self, name, shape):
        rng = self._rng(name)
        if name.endswith("norm.weight"):
            return (1.0 + 0.1 * rng.standard_normal(shape)).astype(np.float32)
        if name == "model.embed_tokens.weight":
            return rng.standard_normal(shape, dtype=np.float32)
        fan_in = shape[1]
        return (rng.standard_normal(shape, dtype=np.float32) / np.sqrt(fan_in)).astype(np.float32)

    def packed_int4(self, name, n, k, block):
        """Random MatMulNBits operands (packed nibbles, per-block scales) without a float tensor first."""
        rng = self._rng(name)
        blocks = k // block
        packed = rng.integers(0, 256, size=(n, blocks, block // 2), dtype=np.uint8)
        # uniform nibbles centred on 8 have std ~4.6; aim for std 1/sqrt(k) like the float weights
        scales = np.full((n * blocks,), 1.0 / (4.6 * np.sqrt(k)), dtype=np.float32)
        return packed, scales


class SafetensorsWeights:
    """Tensors of a safetensors checkpoint (single file or sharded with an index), memory-mapped."""

    def __init__(self, directory):
        self.directory = directory
        index = os.path.join(directory, "model.safetensors.index.json")
        if os.path.exists(index):
            with open(index, encoding="utf-8") as f:
                files = sorted(set(json.load(f)["weight_map"].values()))
        else:
            files = sorted(n for n in os.listdir(directory) if n.endswith(".safetensors"))
        if not files:
            raise FileNotFoundError(f"no *.safetensors in {directory}")
        self.entries = {}
        for name in files:
            path = os.path.join(directory, name)
            with open(path, "rb") as f:
                (length,) = struct.unpack("<Q", f.read(8))
                header = json.loads(f.read(length))
            header.pop("__metadata__", None)
            for tensor, meta in header.items():
                self.entries[tensor] = (path, 8 + length, meta)

    def get(self, name, shape):
        if name not in self.entries:
            raise KeyError(f"checkpoint has no tensor {name}")
        path, base, meta = self.entries[name]
        dtype = meta["dtype"]
        if dtype not in _ST_DTYPES:
            raise ValueError(f"{name}: unsupported dtype {dtype}")
        start, end = meta["data_offsets"]
        raw = np.memmap(path, dtype=_ST_DTYPES[dtype], mode="r", offset=base + start,
                        shape=tuple(meta["shape"]))
        arr = bf16_to_f32(np.asarray(raw)) if dtype == "BF16" else np.asarray(raw, dtype=np.float32)
        if tuple(arr.shape) != tuple(shape):
            raise ValueError(f"{name}: shape {arr.shape} in checkpoint, config says {shape}")
        return arr


def write_safetensors(path, tensors):
    """tensors: list of (name, float32 array). Written as F32."""
    header, offset = {}, 0
    for name, arr in tensors:
        nbytes = arr.size * 4
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + nbytes]}
        offset += nbytes
    blob = json.dumps(header, separators=(",", ":")).encode()
    blob += b" " * (-len(blob) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)))
        f.write(blob)
        for _, arr in tensors:
            f.write(np.ascontiguousarray(arr, dtype=np.float32).tobytes())
