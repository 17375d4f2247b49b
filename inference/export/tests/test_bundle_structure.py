"""Structural checks of exported bundles: every dtype passes onnx.checker and shape inference, the
genai_config names match the graph's inputs/outputs, and logits come out as [batch, 1, vocab].

Run: /usr/bin/python3 -B -m unittest discover -s inference/export/tests (ExporterTest runs it under Maven)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORT = os.path.join(HERE, "..", "medgo_export.py")
DEMO = os.path.join(HERE, "..", "..", "demo-model")

CONFIG = {"vocab_size": 1024, "hidden_size": 128, "intermediate_size": 256, "num_hidden_layers": 2,
          "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 32, "rms_norm_eps": 1e-6,
          "rope_theta": 1000000.0, "max_position_embeddings": 256, "tie_word_embeddings": False,
          "bos_token_id": 1, "eos_token_id": 2}
ELEM = {"fp32": onnx.TensorProto.FLOAT, "fp16": onnx.TensorProto.FLOAT16, "bf16": onnx.TensorProto.BFLOAT16}


def checkable(model):
    """A copy the onnx checker can judge. SimplifiedLayerNormalization is registered by onnxruntime in the
    default domain (as onnxruntime-genai's builder emits it), which onnx's own schema registry lacks; moved
    to com.microsoft the checker skips only that node's schema and still checks the rest of the graph."""
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    for node in copy.graph.node:
        if node.domain == "" and node.op_type == "SimplifiedLayerNormalization":
            node.domain = "com.microsoft"
    return copy


class BundleStructureTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.config = os.path.join(cls.tmp.name, "config.json")
        with open(cls.config, "w", encoding="utf-8") as f:
            json.dump(CONFIG, f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def export(self, name, *extra):
        out = os.path.join(self.tmp.name, name)
        subprocess.run([sys.executable, EXPORT, "--config", self.config, "--random", "--seed", "5",
                        "--tokenizer", DEMO, "--out", out, *extra], check=True, capture_output=True)
        return out

    def check_bundle(self, out, dtype, expect_op):
        model = onnx.load(os.path.join(out, "model.onnx"))
        onnx.checker.check_model(checkable(model))
        onnx.shape_inference.infer_shapes(model)
        ops = {n.op_type for n in model.graph.node}
        self.assertIn("GroupQueryAttention", ops)
        self.assertIn(expect_op, ops)

        with open(os.path.join(out, "genai_config.json"), encoding="utf-8") as f:
            cfg = json.load(f)
        dec = cfg["model"]["decoder"]
        layers = dec["num_hidden_layers"]
        self.assertEqual(layers, CONFIG["num_hidden_layers"])
        self.assertEqual(dec["head_size"], CONFIG["head_dim"])
        self.assertEqual(dec["num_key_value_heads"], CONFIG["num_key_value_heads"])
        self.assertTrue(cfg["search"]["past_present_share_buffer"])
        want_in = {dec["inputs"]["input_ids"], dec["inputs"]["attention_mask"]}
        want_out = {dec["outputs"]["logits"]}
        for i in range(layers):
            want_in |= {dec["inputs"]["past_key_names"] % i, dec["inputs"]["past_value_names"] % i}
            want_out |= {dec["outputs"]["present_key_names"] % i, dec["outputs"]["present_value_names"] % i}
        self.assertEqual({i.name for i in model.graph.input}, want_in)
        self.assertEqual({o.name for o in model.graph.output}, want_out)

        logits = next(o for o in model.graph.output if o.name == "logits").type.tensor_type
        self.assertEqual(logits.elem_type, ELEM[dtype])
        dims = logits.shape.dim
        self.assertEqual(len(dims), 3)
        self.assertEqual(dims[1].dim_value, 1, "last-token-only logits")
        self.assertEqual(dims[2].dim_value, CONFIG["vocab_size"])
        for name in ("tokenizer.json", "tokenizer_config.json"):
            self.assertTrue(os.path.isfile(os.path.join(out, name)), name)

    def test_fp32(self):
        self.check_bundle(self.export("fp32", "--dtype", "fp32"), "fp32", "MatMul")

    def test_fp16(self):
        self.check_bundle(self.export("fp16", "--dtype", "fp16"), "fp16", "MatMul")

    def test_bf16(self):
        self.check_bundle(self.export("bf16", "--dtype", "bf16"), "bf16", "MatMul")

    def test_int4_block_32_and_128(self):
        self.check_bundle(self.export("int4-32", "--dtype", "fp16", "--int4", "32"), "fp16", "MatMulNBits")
        self.check_bundle(self.export("int4-128", "--dtype", "fp32", "--int4", "128"), "fp32", "MatMulNBits")

    def test_fused_projections(self):
        """q/k/v and gate/up as one product each: two products and two Splits per layer fewer nodes."""
        for name, extra, op in (("fused-fp16", (), "MatMul"), ("fused-int4", ("--int4", "32"), "MatMulNBits")):
            out = self.export(name, "--dtype", "fp16", "--fuse-projections", *extra)
            self.check_bundle(out, "fp16", op)
            model = onnx.load(os.path.join(out, "model.onnx"))
            products = [n for n in model.graph.node if n.op_type == op]
            splits = [n for n in model.graph.node if n.op_type == "Split"]
            layers = CONFIG["num_hidden_layers"]
            self.assertEqual(len(splits), 2 * layers)
            self.assertEqual(len(products), 4 * layers + 1, "qkv, o, gate_up, down per layer + head")

    def test_external_data_is_written_and_loadable(self):
        out = self.export("ext", "--dtype", "fp16", "--external-data")
        self.assertTrue(any(f != "model.onnx" and f.startswith("model.onnx") for f in os.listdir(out)))
        self.check_bundle(out, "fp16", "MatMul")


if __name__ == "__main__":
    unittest.main()
