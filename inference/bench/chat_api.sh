#!/bin/bash
# The chat API row of inference/BENCHMARKS.md (issue 18): time to first token and tokens/s through
# /v1/chat/completions with 1 and 32 streaming clients, against the engine's own figures (GpuBench / ./medgo bench)
# for the same bundle, prompt and answer length, so the API's overhead shows in %.
#
# NOT YET RUN: it needs the gateway's fat jar on the device (build: ./mvnw -q -pl fhir-gateway -am package
# -DskipTests; ~880 MB with the ORT GPU natives, so strip ai/onnxruntime/native/* as build_device_lib.sh does for
# the inference jar and carry it in parts like ../shared/gpu's runtime) plus the staged CUDA runtime and JRE
# (../shared/gpu/README.md). Run on the device machine from the repo root:
#   GATEWAY_JAR=/root/gpu/medgo-gateway.jar BUNDLE=/root/b32bf bash inference/bench/chat_api.sh
# Logs and JSON lines go to $OUT.
set -euo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
JAVA=${JAVA:-/root/gpu/jre/bin/java}
BUNDLE=${BUNDLE:?model bundle folder}
GATEWAY_JAR=${GATEWAY_JAR:?the gateway jar}
PROMPT=${PROMPT_TOKENS:-512}
NEW=${NEW_TOKENS:-256}
BATCH=${MAX_BATCH:-32}
PORT=${PORT:-18080}
export LD_LIBRARY_PATH=/root/gpu/rt/cuda12:/root/gpu/rt/ort${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

# 1. the engine alone, same shapes (the figure the API's overhead is measured against)
"$JAVA" -Xmx16g --enable-native-access=ALL-UNNAMED -Donnxruntime.native.path=/root/gpu/rt/ort -cp "$GATEWAY_JAR" \
    org.springframework.boot.loader.launch.JarLauncher bench --model "$BUNDLE" --backend iobinding --device cuda \
    --prompt-tokens "$PROMPT" --new-tokens "$NEW" --batch-size 1 --runs 3 2>&1 | tee "$OUT/engine-b1.txt"
"$JAVA" -Xmx16g --enable-native-access=ALL-UNNAMED -Donnxruntime.native.path=/root/gpu/rt/ort -cp "$GATEWAY_JAR" \
    org.springframework.boot.loader.launch.JarLauncher bench --model "$BUNDLE" --backend iobinding --device cuda \
    --prompt-tokens "$PROMPT" --new-tokens "$NEW" --batch-size 32 --runs 3 2>&1 | tee "$OUT/engine-b32.txt"

# 2. the gateway serving the same bundle (security off: loopback only), then the load generator
MEDGO_DATA_DIR=/root/medgo-bench MEDGO_MODEL_DIR="$BUNDLE" MEDGO_SECURITY_ENABLED=false SERVER_PORT=$PORT \
MEDGO_INFERENCE_MAX_BATCH=$BATCH MEDGO_OPERATIONS_QUEUE_CAPACITY=64 MEDGO_INFERENCE_DEVICE=cuda \
    "$JAVA" -Xmx16g --enable-native-access=ALL-UNNAMED -Donnxruntime.native.path=/root/gpu/rt/ort \
    -jar "$GATEWAY_JAR" serve > "$OUT/gateway.log" 2>&1 &
gateway=$!
trap 'kill $gateway 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && break
    sleep 1
done
python3 inference/bench/chat_api_load.py --url "http://127.0.0.1:$PORT/v1" --clients 1,32 \
    --prompt-tokens "$PROMPT" --new-tokens "$NEW" --runs 3 | tee "$OUT/chat-api.jsonl"
curl -s "http://127.0.0.1:$PORT/actuator/prometheus" | grep -E '^medgo_(openai|inference)_' > "$OUT/metrics.txt" || true
