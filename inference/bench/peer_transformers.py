#!/usr/bin/env python3
"""transformers peer for the GPU benchmark: same Qwen3 shape and dtype, random weights, sdpa, static cache,
greedy `generate`. Also measures device-to-device copy bandwidth (bytes read + written) for the bound.

  python3 peer_transformers.py --preset qwen3-8b --dtype fp16 --levels 1,8,32,64 --prompt 512 --compile

With --compile (the peer to beat), generate torch.compiles the static-cache step. Compilation must not fall inside
a timed window, so for each batch size both lengths run once untimed (every shape compiled), then again timed; the
decode rate is (long - short) new tokens per row over the difference of the two times, which also cancels prefill.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "export"))
sys.path.insert(0, os.path.join(os.getcwd(), "inference", "export"))
from medgo_export import PRESETS  # noqa: E402


def bandwidth():
    """Median of 20 copies of a 2 GiB buffer, counting bytes read plus bytes written."""
    n = 2 << 30
    a = torch.empty(n, dtype=torch.uint8, device="cuda").random_(0, 255)
    b = torch.empty_like(a)
    for _ in range(3):
        b.copy_(a)
    times = []
    for _ in range(20):
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        s.record()
        b.copy_(a)
        e.record()
        torch.cuda.synchronize()
        times.append(s.elapsed_time(e) / 1e3)
    times.sort()
    del a, b
    torch.cuda.empty_cache()
    return 2 * n / times[len(times) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="qwen3-8b")
    ap.add_argument("--dtype", default="fp16")
    ap.add_argument("--levels", default="1,8,32,64")
    ap.add_argument("--prompt", type=int, default=512)
    ap.add_argument("--new", type=int, default=256, help="the long generation's new tokens")
    ap.add_argument("--short", type=int, default=128, help="the short generation's new tokens")
    ap.add_argument("--device", default="cuda", help="cuda, or cpu to try the script on a tiny preset")
    ap.add_argument("--bandwidth-only", action="store_true")
    ap.add_argument("--compile", action="store_true", help="let generate torch.compile the static-cache step")
    ap.add_argument("--json", help="write results here")
    a = ap.parse_args()
    dev = a.device
    cuda = dev == "cuda"
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    res = {"device": torch.cuda.get_device_name(0) if cuda else "cpu", "compile": a.compile}
    if cuda:
        res["d2d_bytes_per_s"] = bandwidth()
        print(f"device-to-device copy: {res['d2d_bytes_per_s'] / 1e12:.2f} TB/s (read + write)", flush=True)
    if a.bandwidth_only:
        print(json.dumps(res))
        return
    if a.compile:  # one compiled graph per (batch, cache length): 4 levels x 2 lengths passes dynamo's default limit of 8
        for knob in ("cache_size_limit", "recompile_limit", "accumulated_cache_size_limit",
                     "accumulated_recompile_limit"):
            if hasattr(torch._dynamo.config, knob):
                setattr(torch._dynamo.config, knob, 256)
    from transformers import Qwen3Config, Qwen3ForCausalLM
    p = dict(PRESETS[a.preset])
    p.pop("architectures", None)
    cfg = Qwen3Config(**p)
    cfg._attn_implementation = "sdpa"
    dtype = {"fp16": torch.float16, "bf16": torch.bfloat16}[a.dtype]
    torch.manual_seed(0)
    torch.set_default_dtype(dtype)
    with torch.device(dev):
        model = Qwen3ForCausalLM(cfg).eval()
    torch.set_default_dtype(torch.float32)
    weights = sum(t.numel() * t.element_size() for t in model.parameters())
    embed = model.model.embed_tokens.weight
    res["weight_bytes_read_per_step"] = weights - embed.numel() * embed.element_size()
    print(f"model {a.preset} {a.dtype}: {weights / 1e9:.2f} GB weights, "
          f"{res['weight_bytes_read_per_step'] / 1e9:.2f} GB read per decode step", flush=True)
    gen = torch.Generator(device=dev).manual_seed(1)

    def timed(batch, prompt, new):
        ids = torch.randint(0, 150000, (batch, prompt), device=dev, generator=gen)
        sync()
        t = time.perf_counter()
        with torch.inference_mode():
            out = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=new, min_new_tokens=new,
                                 do_sample=False, cache_implementation="static", pad_token_id=0,
                                 disable_compile=not a.compile)
        sync()
        assert out.shape[1] == prompt + new, out.shape
        return time.perf_counter() - t

    if cuda:
        res["weights_gib"] = torch.cuda.memory_allocated() / 2 ** 30
    rows = []
    for n in [int(x) for x in a.levels.split(",")]:
        t0 = time.perf_counter()
        timed(n, a.prompt, a.short)  # untimed: compiles (or warms) every shape this batch size uses
        timed(n, a.prompt, a.new)
        warm = time.perf_counter() - t0
        short = timed(n, a.prompt, a.short)
        long = timed(n, a.prompt, a.new)
        tps = n * (a.new - a.short) / max(1e-9, long - short)
        row = {"concurrency": n, "decode_tokens_per_s": tps, "short_s": short, "long_s": long, "warm_up_s": warm}
        if cuda:
            row["peak_gib"] = torch.cuda.max_memory_allocated() / 2 ** 30
            torch.cuda.reset_peak_memory_stats()
        rows.append(row)
        print(f"transformers{' compiled' if a.compile else ''} concurrency {n}: prompt {a.prompt}, new {a.short}/"
              f"{a.new} in {short:.2f}/{long:.2f} s | decode {tps:.1f} tokens/s (aggregate, from the difference) | "
              f"warm-up {warm:.0f} s" + (f" | peak {row['peak_gib']:.1f} GiB" if cuda else ""), flush=True)
        res["rows"] = rows
        if a.json:  # after every level, so a run cut short still leaves its rows
            with open(a.json, "w") as f:
                json.dump(res, f, indent=1)
        if cuda:
            torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
