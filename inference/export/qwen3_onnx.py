"""Builds the Qwen3 decoder graph in onnxruntime-genai's model-builder layout.

Inputs input_ids [batch, seq] and attention_mask [batch, total] (int64), past_key_values.N.key/value
[batch, kv_heads, past, head_dim]; outputs logits [batch, 1, vocab] (last position only) and
present.N.key/value. Attention is com.microsoft GroupQueryAttention with rotary inside it, so the same
graph serves a growing cache and a preallocated cache shared between past and present
(past_present_share_buffer): GQA appends at seqlens_k, which comes from the attention mask.

With fuse_projections, q/k/v and gate/up are each one product over the concatenated weights, split after:
at batch 1 a decode step is a chain of matrix-vector products, and fewer, larger ones read the weights
faster on a GPU (inference/BENCHMARKS.md, GEMV floor). The graph's inputs and outputs are the same.

With selection=(k, n), token selection happens on the device too: extra outputs topk_values [batch, 1, k] and
topk_ids [batch, 1, k] (int32) of TopK over the first n logits (the tokenizer's ids; padded rows of the head are
never chosen). A greedy or top-k sampling row then reads k values and ids instead of a vocabulary of logits; the
greedy choice is made on the host among the k (an ArgMax output cost 1.8 ms per decode step on an H200 with ORT
1.29's CUDA kernel, against 0.46 ms for the TopK: inference/BENCHMARKS.md).
"""
import numpy as np
import onnx
from onnx import TensorProto, helper

_DTYPES = {"fp32": (TensorProto.FLOAT, np.float32), "fp16": (TensorProto.FLOAT16, np.float16),
           "bf16": (TensorProto.BFLOAT16, None)}


class InitializerSink:
    """Collects initializers; large ones go to one external data file, written as they arrive."""

    def __init__(self, data_path=None, data_name=None):
        self.data_path, self.data_name = data_path, data_name
        self.file = open(data_path, "wb") if data_path else None
        self.offset = 0
        self.tensors = []
        self.bytes = 0

    def add(self, name, array, onnx_type):
        raw = np.ascontiguousarray(array).tobytes()
        self.bytes += len(raw)
        t = TensorProto()
        t.name = name
        t.data_type = onnx_type
        t.dims.extend(array.shape)
        if self.file is not None and len(raw) >= 1024:
            pad = -self.offset % 64
            self.file.write(b"\0" * pad)
            self.offset += pad
            self.file.write(raw)
            t.data_location = TensorProto.EXTERNAL
            for k, v in (("location", self.data_name), ("offset", str(self.offset)), ("length", str(len(raw)))):
                e = t.external_data.add()
                e.key, e.value = k, v
            self.offset += len(raw)
        else:
            t.raw_data = raw
        self.tensors.append(t)
        return name

    def close(self):
        if self.file:
            self.file.close()


class Qwen3Graph:
    def __init__(self, config, weights, dtype="fp32", int4_block=0, embed_fp16=False, context_length=None,
                 sink=None, fuse_projections=False, selection=None):
        if dtype not in _DTYPES:
            raise ValueError(f"dtype must be one of {list(_DTYPES)}")
        self.c, self.w = config, weights
        self.dtype = dtype
        self.onnx_type = _DTYPES[dtype][0]
        self.int4_block = int4_block
        self.embed_fp16 = embed_fp16
        self.context_length = context_length or config.max_positions
        self.sink = sink or InitializerSink()
        self.fuse = fuse_projections
        self.selection = selection
        self.nodes = []
        self._n = 0

    # ---- helpers -------------------------------------------------------------------------------------
    def _cast(self, arr):
        if self.dtype == "bf16":
            from checkpoint import f32_to_bf16
            return f32_to_bf16(arr)
        return arr.astype(_DTYPES[self.dtype][1])

    def _init(self, name, arr, onnx_type=None):
        if onnx_type is None:
            return self.sink.add(name, self._cast(arr), self.onnx_type)
        return self.sink.add(name, arr, onnx_type)

    def _node(self, op, inputs, n_out=1, domain=None, name=None, **attrs):
        self._n += 1
        base = name or f"{op}_{self._n}"
        outs = [f"{base}/out{i}" for i in range(n_out)]
        self.nodes.append(helper.make_node(op, inputs, outs, name=base, domain=domain, **attrs))
        return outs[0] if n_out == 1 else outs

    def _weight(self, hf_name, shape):
        return self.w.get(hf_name, shape)

    def _linear(self, x, hf_name, n, k):
        """x @ W^T for an HF [n, k] weight: a MatMul, or MatMulNBits with 4-bit blocks."""
        return self._linear_of(x, [hf_name], [n], k, hf_name.removesuffix(".weight"))

    def _linear_of(self, x, hf_names, ns, k, base):
        """x @ W^T for HF weights [n_i, k] stacked along the output axis (one product for several)."""
        n = sum(ns)
        if self.int4_block:
            block = self.int4_block
            if k % block:
                raise ValueError(f"{hf_names[0]}: in-features {k} not a multiple of block {block}")
            parts = []
            for name, ni in zip(hf_names, ns):
                if hasattr(self.w, "packed_int4"):
                    parts.append(self.w.packed_int4(name, ni, k, block))
                else:
                    parts.append(quantize_int4(self._weight(name, (ni, k)), block))
            # blocks run along k, so output rows stack: packed [n, k/block, block/2], scales [n * k/block]
            packed = np.concatenate([p for p, _ in parts]) if len(parts) > 1 else parts[0][0]
            scales = np.concatenate([s for _, s in parts]) if len(parts) > 1 else parts[0][1]
            b = self._init(base + ".qweight", packed, TensorProto.UINT8)
            s = self._init(base + ".scales", scales)
            return self._node("MatMulNBits", [x, b, s], domain="com.microsoft", name=base + "/MatMulNBits",
                              K=k, N=n, bits=4, block_size=block)
        w = np.concatenate([self._weight(name, (ni, k)) for name, ni in zip(hf_names, ns)]) if len(ns) > 1 \
            else self._weight(hf_names[0], (n, k))
        w = self._init(base + ".weight_t", np.ascontiguousarray(w.T))
        return self._node("MatMul", [x, w], name=base + "/MatMul")

    def _projections(self, x, p, parts, k, fused_name, split_sizes):
        """One product per (suffix, n) in parts, or (fuse) one over their concatenation, split by split_sizes."""
        if not self.fuse:
            return [self._linear(x, p + suffix, n, k) for suffix, n in parts]
        y = self._linear_of(x, [p + suffix for suffix, _ in parts], [n for _, n in parts], k, p + fused_name)
        return self._node("Split", [y, split_sizes], n_out=len(parts), name=p + fused_name + "/Split", axis=-1)

    def _rms(self, x, hf_name, dim, name):
        g = self._init(hf_name, self._weight(hf_name, (dim,)))
        return self._node("SimplifiedLayerNormalization", [x, g], name=name, axis=-1, epsilon=self.c.eps,
                          stash_type=1)

    def _skip_rms(self, x, skip, hf_name, name):
        """Residual add fused with the next RMSNorm; returns (normalized, residual sum)."""
        g = self._init(hf_name, self._weight(hf_name, (self.c.hidden,)))
        out, _, _, total = self._node("SkipSimplifiedLayerNormalization", [x, skip, g], n_out=4,
                                      domain="com.microsoft", name=name, epsilon=self.c.eps)
        return out, total

    # ---- graph ---------------------------------------------------------------------------------------
    def build(self):
        c = self.c
        d, kv = c.head_dim, c.kv_heads
        i64 = lambda name, v: self.sink.add(name, np.array(v, dtype=np.int64), TensorProto.INT64)

        inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
                  helper.make_tensor_value_info("attention_mask", TensorProto.INT64,
                                                ["batch_size", "total_sequence_length"])]
        outputs = [helper.make_tensor_value_info("logits", self.onnx_type, ["batch_size", 1, c.vocab])]

        emb_name = "model.embed_tokens.weight"
        emb = self.w.get(emb_name, (c.vocab, c.hidden))
        if self.embed_fp16:  # storage only: the demo bundle stays small, compute stays in self.dtype
            emb_w = self.sink.add(emb_name, emb.astype(np.float16), TensorProto.FLOAT16)
            x = self._node("Gather", [emb_w, "input_ids"], name="embed/Gather")
            x = self._node("Cast", [x], name="embed/Cast", to=self.onnx_type)
        else:
            emb_w = self._init(emb_name, emb)
            x = self._node("Gather", [emb_w, "input_ids"], name="embed/Gather")

        # GQA's bookkeeping from the mask: seqlens_k = tokens present - 1, total length = mask width
        one = i64("const/one", [1])
        mask_sum = self._node("ReduceSum", ["attention_mask", one], name="mask/ReduceSum", keepdims=0)
        seqlens = self._node("Cast", [self._node("Sub", [mask_sum, one], name="mask/Sub")], name="mask/seqlens_k",
                             to=TensorProto.INT32)
        width = self._node("Gather", [self._node("Shape", ["attention_mask"], name="mask/Shape"),
                                      i64("const/idx1", 1)], name="mask/Gather", axis=0)
        total = self._node("Cast", [width], name="mask/total_seq_len", to=TensorProto.INT32)

        inv_freq = 1.0 / (c.rope_theta ** (np.arange(0, d, 2, dtype=np.float64) / d))
        freqs = np.outer(np.arange(self.context_length, dtype=np.float64), inv_freq)
        cos = self._init("rotary/cos_cache", np.cos(freqs).astype(np.float32))
        sin = self._init("rotary/sin_cache", np.sin(freqs).astype(np.float32))
        q_heads = i64("const/q_heads", [0, 0, c.heads, d])
        kv_shape = i64("const/kv_heads", [0, 0, kv, d])
        q_flat = i64("const/q_flat", [0, 0, c.heads * d])
        kv_flat = i64("const/kv_flat", [0, 0, kv * d])

        split_qkv = i64("const/split_qkv", [c.heads * d, kv * d, kv * d]) if self.fuse else None
        split_gate_up = i64("const/split_gate_up", [c.intermediate, c.intermediate]) if self.fuse else None
        residual = x
        h = self._rms(x, "model.layers.0.input_layernorm.weight", c.hidden, "layers.0/input_layernorm")
        for l in range(c.layers):
            p = f"model.layers.{l}."
            q, k, v = self._projections(h, p, [("self_attn.q_proj.weight", c.heads * d),
                                               ("self_attn.k_proj.weight", kv * d),
                                               ("self_attn.v_proj.weight", kv * d)], c.hidden,
                                        "self_attn.qkv_proj", split_qkv)
            q = self._node("Reshape", [q, q_heads], name=f"layers.{l}/q/Reshape")
            q = self._rms(q, p + "self_attn.q_norm.weight", d, f"layers.{l}/q_norm")
            q = self._node("Reshape", [q, q_flat], name=f"layers.{l}/q/Flatten")
            k = self._node("Reshape", [k, kv_shape], name=f"layers.{l}/k/Reshape")
            k = self._rms(k, p + "self_attn.k_norm.weight", d, f"layers.{l}/k_norm")
            k = self._node("Reshape", [k, kv_flat], name=f"layers.{l}/k/Flatten")
            past_k, past_v = f"past_key_values.{l}.key", f"past_key_values.{l}.value"
            inputs += [helper.make_tensor_value_info(n, self.onnx_type, ["batch_size", kv, "past_sequence_length", d])
                       for n in (past_k, past_v)]
            outputs += [helper.make_tensor_value_info(n, self.onnx_type,
                                                      ["batch_size", kv, "total_sequence_length", d])
                        for n in (f"present.{l}.key", f"present.{l}.value")]
            attn_name = f"layers.{l}/attn/GroupQueryAttention"
            self.nodes.append(helper.make_node(
                "GroupQueryAttention", [q, k, v, past_k, past_v, seqlens, total, cos, sin],
                [attn_name + "/out0", f"present.{l}.key", f"present.{l}.value"], name=attn_name,
                domain="com.microsoft", num_heads=c.heads, kv_num_heads=kv, do_rotary=1, rotary_interleaved=0,
                scale=float(1.0 / np.sqrt(d))))
            o = self._linear(attn_name + "/out0", p + "self_attn.o_proj.weight", c.hidden, c.heads * d)
            h, residual = self._skip_rms(o, residual, p + "post_attention_layernorm.weight",
                                         f"layers.{l}/post_attention_layernorm")
            gate, up = self._projections(h, p, [("mlp.gate_proj.weight", c.intermediate),
                                                ("mlp.up_proj.weight", c.intermediate)], c.hidden,
                                         "mlp.gate_up_proj", split_gate_up)
            act = self._node("Mul", [gate, self._node("Sigmoid", [gate], name=f"layers.{l}/mlp/Sigmoid")],
                             name=f"layers.{l}/mlp/SiLU")
            down = self._linear(self._node("Mul", [act, up], name=f"layers.{l}/mlp/Mul"),
                                p + "mlp.down_proj.weight", c.hidden, c.intermediate)
            if l + 1 < c.layers:
                h, residual = self._skip_rms(down, residual, f"model.layers.{l + 1}.input_layernorm.weight",
                                             f"layers.{l + 1}/input_layernorm")
            else:
                # only the last position feeds the head: prefill of N tokens costs one vocab row, not N
                starts, ends, axes = i64("const/last_start", [-1]), i64("const/last_end", [2 ** 62]), one
                down = self._node("Slice", [down, starts, ends, axes], name="last/Slice_mlp")
                residual = self._node("Slice", [residual, starts, ends, axes], name="last/Slice_residual")
                h, _ = self._skip_rms(down, residual, "model.norm.weight", "final_norm")

        if c.tied:
            head = self._node("Transpose", [emb_w], name="lm_head/Transpose", perm=[1, 0])
            if self.embed_fp16:
                head = self._node("Cast", [head], name="lm_head/Cast", to=self.onnx_type)
            self.nodes.append(helper.make_node("MatMul", [h, head], ["logits"], name="lm_head/MatMul"))
        else:
            logits = self._linear(h, "lm_head.weight", c.vocab, c.hidden)
            self.nodes.append(helper.make_node("Identity", [logits], ["logits"], name="lm_head/Identity"))

        if self.selection:
            outputs += self._selection(i64)

        graph = helper.make_graph(self.nodes, "medgo_qwen3", inputs, outputs, self.sink.tensors)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17),
                                                        helper.make_opsetid("com.microsoft", 1)],
                                  producer_name="medgo-export")
        model.ir_version = 8
        return model


    def _selection(self, i64):
        """TopK of the last logits over the first n ids, as extra outputs (see the module doc)."""
        k, n = self.selection
        c = self.c
        if not 1 <= k <= 64 or not k <= n <= c.vocab:
            raise ValueError(f"selection needs 1 <= k <= 64 and k <= n <= vocab, got k={k} n={n}")
        ids = self._node("Slice", ["logits", i64("const/select_start", [0]), i64("const/select_end", [n]),
                                   i64("const/select_axis", [2])], name="select/Slice")
        values, indices = self._node("TopK", [ids, i64("const/select_k", [k])], n_out=2, name="select/TopK",
                                     axis=-1, largest=1, sorted=1)
        self.nodes.append(helper.make_node("Identity", [values], ["topk_values"], name="select/topk_values"))
        self.nodes.append(helper.make_node("Cast", [indices], ["topk_ids"], name="select/topk_ids",
                                           to=TensorProto.INT32))
        return [helper.make_tensor_value_info("topk_values", self.onnx_type, ["batch_size", 1, k]),
                helper.make_tensor_value_info("topk_ids", TensorProto.INT32, ["batch_size", 1, k])]


def quantize_int4(w, block):
    """Symmetric 4-bit blocks along the input dimension, MatMulNBits layout (zero point 8 implied)."""
    n, k = w.shape
    blocks = w.reshape(n, k // block, block)
    scale = np.abs(blocks).max(axis=2) / 7.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(blocks / scale[..., None]) + 8, 0, 15).astype(np.uint8)
    packed = q[..., 0::2] | (q[..., 1::2] << 4)
    return packed.astype(np.uint8), scale.reshape(-1).astype(np.float32)
