#!/usr/bin/env python3
"""Load generator for the gateway's OpenAI-compatible chat API (stdlib only, runs on the device image).

N concurrent clients each stream one /v1/chat/completions answer of --new-tokens tokens (ignore_eos, so every
answer has the same length) after a prompt of about --prompt-tokens tokens, and report time to first token
(request sent -> first content chunk), per-stream decode tokens/s ((tokens - 1) / (last - first chunk)) and
the aggregate tokens/s over the wall time. Prints one JSON line per concurrency level.

  python3 inference/bench/chat_api_load.py --url http://127.0.0.1:8080/v1 --clients 1,32 --prompt-tokens 512 \
      --new-tokens 256 --runs 3
"""
import argparse, http.client, json, statistics, threading, time, urllib.parse


def one_stream(url, body, out, i):
    u = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
    start = time.perf_counter()
    conn.request("POST", u.path.rstrip("/") + "/chat/completions", json.dumps(body),
                 {"Content-Type": "application/json", "Authorization": "Bearer bench"})
    resp = conn.getresponse()
    if resp.status != 200:
        out[i] = {"error": resp.status, "body": resp.read(500).decode("utf-8", "replace")}
        return
    first = last = None
    usage = None
    for raw in resp:
        line = raw.decode("utf-8").strip()
        if not line.startswith("data: "):
            continue
        data = line[6:]
        if data == "[DONE]":
            break
        chunk = json.loads(data)
        if chunk.get("usage"):
            usage = chunk["usage"]
        for c in chunk.get("choices", []):
            d = c.get("delta", {})
            if d.get("content") or d.get("reasoning_content"):
                now = time.perf_counter()
                first = first or now
                last = now
    conn.close()
    tokens = usage["completion_tokens"] if usage else 0
    out[i] = {"ttft": (first - start) if first else None, "tokens": tokens,
              "decode_tps": (tokens - 1) / (last - first) if first and last and last > first else None,
              "end": last or time.perf_counter(), "start": start}


def level(args, clients):
    prompt = " ".join(["The patient reports chest pain and shortness of breath."] * max(1, args.prompt_tokens // 10))
    body = {"model": args.model, "stream": True, "stream_options": {"include_usage": True}, "max_tokens": args.new_tokens,
            "ignore_eos": True, "temperature": 0, "messages": [{"role": "user", "content": prompt}],
            "chat_template_kwargs": {"enable_thinking": False}}
    results = []
    for _ in range(args.runs):
        out = [None] * clients
        threads = [threading.Thread(target=one_stream, args=(args.url, body, out, i)) for i in range(clients)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        errors = [o for o in out if "error" in o]
        if errors:
            raise SystemExit(f"{len(errors)} stream(s) failed: {errors[0]}")
        wall = max(o["end"] for o in out) - min(o["start"] for o in out)
        results.append({"ttft_ms": statistics.median(o["ttft"] for o in out) * 1000,
                        "decode_tps_per_stream": statistics.median(o["decode_tps"] for o in out),
                        "aggregate_tps": sum(o["tokens"] for o in out) / wall})
    best = max(results, key=lambda r: r["aggregate_tps"])
    return {"clients": clients, "prompt_tokens": args.prompt_tokens, "new_tokens": args.new_tokens, "runs": results, "best": best}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:8080/v1")
    p.add_argument("--model", default="medgo")
    p.add_argument("--clients", default="1,32")
    p.add_argument("--prompt-tokens", type=int, default=512)
    p.add_argument("--new-tokens", type=int, default=256)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    level(args, 1)  # warm-up: graph capture, first allocation
    for c in [int(x) for x in args.clients.split(",")]:
        print(json.dumps(level(args, c)), flush=True)


if __name__ == "__main__":
    main()
