#!/bin/bash
# Builds .dev/gpu/lib for the device runs (run_device.sh): the inference module's jar, GpuBench (test sources), its runtime
# dependencies, without the ORT natives (they come from the staged runtime, ../shared/gpu/README.md), the demo
# bundle (it travels with the tree) or other platforms' tokenizer natives, so a call stays under 64 MiB.
# Run from the repo root with JDK 25: bash inference/bench/build_device_lib.sh
set -euo pipefail
lib=.dev/gpu/lib
./mvnw -q -pl inference -am install -DskipTests
rm -rf "$lib" && mkdir -p "$lib"
./mvnw -q -pl inference dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$PWD/$lib"
cp inference/target/medgo-inference-*.jar "$lib/medgo-inference.jar"
# GpuBench is a tool, not product code: it lives in the test sources and travels in its own jar.
(cd inference/target/test-classes && jar cf "../../../$lib/medgo-inference-bench.jar" org/medgo/inference/gpu/GpuBench*.class)
zip -q -d "$lib/medgo-inference.jar" 'org/medgo/inference/demo-model/*'
zip -q -d "$lib"/onnxruntime_gpu-*.jar 'ai/onnxruntime/native/*'
zip -q -d "$lib"/tokenizers-*.jar 'native/lib/linux-aarch64/*' 'native/lib/osx-*' 'native/lib/win-*' || true
du -sh "$lib"
