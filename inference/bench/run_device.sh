#!/bin/bash
# GPU benchmark, run on the device machine from the repo root (see inference/BENCHMARKS.md, GPU section):
#   bash inference/bench/run_device.sh export [V...]   start exports in the background, one after the other
#                                                       (default: 8b 32b; also 32b-fused: --fuse-projections)
#   bash inference/bench/run_device.sh 8b java         CUDA-graph check on the demo bundle, then GpuBench with and
#                                                       without CUDA graphs, TTFT at 4,096 tokens
#   bash inference/bench/run_device.sh 8b peer         transformers peer + copy bandwidth (32b: the peer in fp16,
#                                                       as transformers has no MatMulNBits-like int4 path here)
#   bash inference/bench/run_device.sh 32b fpa-gemm    int4 with ORT_FPA_INTB_GEMM=4: CUTLASS GEMM, not its GEMV
#   bash inference/bench/run_device.sh 32b-fused java  the 32B int4 bundle with q/k/v and gate/up fused, against
#                                                       the unfused one (b1 and 32)
#   bash inference/bench/run_device.sh 32b-fused wide  the same with decode steps of 4+ rows on a second session
#                                                       with ORT's CUTLASS int4 kernels (--int4-gemm-from 4)
#   python3 inference/bench/gemv_floor.py --preset qwen3-8b   the GEMV-only floor of a decode step in torch
#   bash inference/bench/run_device.sh 32b java        int4: GpuBench with CUDA graphs, TTFT, and again with ORT's
#                                                       fpA_intB (CUTLASS weight-only) MatMulNBits kernels
#   bash inference/bench/run_device.sh export 8b-sel 8b-sel-fused   8B fp16 with --device-selection 64 (and fused)
#   bash inference/bench/run_device.sh 8b-sel diag     a 2-layer bundle with selection: graph capture with TopK,
#                                                       greedy = greedy-full and topk = topk-full digests expected
#   bash inference/bench/run_device.sh 8b-sel peer     compiled transformers peer (static cache + torch.compile, every
#                                                       shape warmed, decode from the 128/256-token difference)
#   bash inference/bench/run_device.sh export 8b; bash inference/bench/run_device.sh export 8b-fused  (in parallel)
#   bash inference/bench/run_device.sh 8b plain        (the disk, 64 GB, holds three 16 GB bundles at most)
#                                                       the same-run engine rows: bundles without selection, plain
#                                                       and --fuse-projections, 1/8/32/64, GPU memory sampled
#   bash inference/bench/run_device.sh 8b-sel java     GpuBench modes greedy, greedy-full (selection hidden: the
#                                                       "before"), topk at 1/8/32/64, GPU memory sampled; then the
#                                                       fused bundle if it was exported
# Needs the staged runtime in /root/gpu/rt and /root/gpu/jre (../shared/gpu/README.md) and the jars in
# .dev/gpu/lib (the inference module's jar plus its runtime dependencies, ORT natives stripped). Logs go to $OUT.
set -uo pipefail
which=${1:-8b}
part=${2:-java}
lib=$PWD/.dev/gpu/lib
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
export LD_LIBRARY_PATH=/root/gpu/rt/cuda12:/root/gpu/rt/ort${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export PYTHONUNBUFFERED=1
JAVA=/root/gpu/jre/bin/java
JOPTS="-Xmx16g -Xss8m --enable-native-access=ALL-UNNAMED -Donnxruntime.native.path=/root/gpu/rt/ort -DRUST_FLAVOR=cpu"
CP="$lib/*"

export_args() {  # variant -> preset dir extra...
  case $1 in
    8b) echo qwen3-8b /root/b8b ;;
    32b) echo qwen3-32b /root/b32b --int4 128 ;;
    32b-fused) echo qwen3-32b /root/b32bf --int4 128 --fuse-projections ;;
    8b-fused) echo qwen3-8b /root/b8bf --fuse-projections ;;
    8b-sel) echo qwen3-8b /root/b8bs --device-selection 64 ;;
    8b-sel-fused) echo qwen3-8b /root/b8bsf --device-selection 64 --fuse-projections ;;
  esac
}

export_one() {  # preset dir extra...
  local preset=$1 dir=$2; shift 2
  local t=$(date +%s)
  python3 inference/export/medgo_export.py --preset "$preset" --random --seed 1 --dtype fp16 "$@" \
      --context-length 8192 --out "$dir" 2>&1 | tail -3
  echo "$preset export took $(( $(date +%s) - t )) s; $(du -sh "$dir" | cut -f1)"
  touch "$dir.done"
}

if [ "$which" = export ]; then
  mkdir -p /root/logs
  shift
  log=/root/logs/export-$(echo ${@:-8b 32b} | tr ' ' '_').log
  nohup setsid bash inference/bench/run_device.sh exports-fg "${@:-8b 32b}" > $log 2>&1 < /dev/null &
  echo "exports started (log /root/logs/export.log)"
  exit 0
fi
if [ "$which" = exports-fg ]; then
  shift
  for v in $*; do
    set -- $(export_args $v)
    [ -f $2.done ] || export_one "$@"
  done
  exit 0
fi

read -r preset dir _ <<< "$(export_args $which)"

wait_export() {
  local t=$(date +%s)
  while [ ! -f $dir.done ] && pgrep -f medgo_export.py > /dev/null; do sleep 3; done
  [ -f $dir.done ] || export_one $(export_args $which)  # the background export is gone: do it here
  echo "waited $(( $(date +%s) - t )) s for the $which export"; cat /root/logs/export*.log 2>/dev/null | grep took
}

bench() {  # label seconds args... ; GpuBench lines to the console, everything to $OUT/label.log.gz
  local label=$1 secs=$2; shift 2
  echo "== $label"
  timeout "$secs" $JAVA $JOPTS "${BENCH_PROPS[@]}" -cp "$CP" org.medgo.inference.gpu.GpuBench "$@" > "$OUT/$label.log" 2>&1
  echo "(exit $?)"
  grep -E "^(loaded|warm-up|bench|  transfers)|CUDA graph|Exception|Error" "$OUT/$label.log" | grep -v "^\s*at " | head -60
  gzip -f "$OUT/$label.log"
}
BENCH_PROPS=()

mem_watch() {  # label: GPU memory in use every 250 ms until mem_stop; the peak goes to the console
  nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 250 > "$OUT/mem-$1.csv" 2>/dev/null &
  MEM_PID=$!
}
mem_stop() {
  kill $MEM_PID 2>/dev/null; wait $MEM_PID 2>/dev/null
  echo "GPU memory in use, peak: $(sort -n "$OUT/mem-$1.csv" | tail -1) MiB (idle before: $MEM_IDLE MiB)"
}

if [ $which = 8b-sel ] && [ $part = diag ]; then
  nvidia-smi --query-gpu=name,memory.used,memory.total --format=csv | tee $OUT/gpu-8b-sel.txt
  python3 -c "import json,sys; sys.path.insert(0,'inference/export'); from medgo_export import PRESETS; \
json.dump(dict(PRESETS['qwen3-8b'], hidden_size=1024, intermediate_size=3072, num_hidden_layers=2, \
num_attention_heads=8, num_key_value_heads=4), open('/root/small.json','w'))"
  [ -f /root/bsmalls/genai_config.json ] || python3 inference/export/medgo_export.py --config /root/small.json \
      --random --seed 1 --dtype fp16 --context-length 1024 --device-selection 64 --out /root/bsmalls 2>&1 | tail -1
  BENCH_PROPS=(-Dmedgo.ort.logLevel=1 -Dmedgo.bench.modes=greedy,greedy-full,topk,topk-full)
  bench diag-small-sel 90 /root/bsmalls iobinding cuda 32 40 128 32 1,4 graph
  zcat $OUT/diag-small-sel.log.gz | grep -iE "memcpy|graph capture|cuda graph|CPUExecutionProvider|TopK|ArgMax" \
      | sed 's/^.*\] //' | sort | uniq -c | sort -rn | head -20
  exit 0
fi
if [ $which = 8b-sel ] && [ $part = peer ]; then
  MEM_IDLE=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits); mem_watch peer
  timeout ${PEER_SECS:-540} python3 inference/bench/peer_transformers.py --preset qwen3-8b --dtype fp16 \
      --levels ${LEVELS:-1,8,32,64} --prompt 512 --short 128 --new 256 --compile --json $OUT/peer-8b-compiled.json \
      2>&1 | grep -vi warn | tee $OUT/peer-8b-compiled.log
  mem_stop peer
  exit 0
fi
if [ $which = 8b ] && [ $part = plain ]; then
  for v in 8b 8b-fused; do
    which=$v; read -r preset dir _ <<< "$(export_args $v)"; wait_export
    MEM_IDLE=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits); mem_watch $v
    bench java-$v-plain 150 $dir iobinding cuda 512 256 800 512 1,8,32,64 graph
    mem_stop $v
  done
  exit 0
fi
if [ $which = 8b-sel ] && [ $part = java ]; then
  wait_export
  ls -l $dir; du -b $dir/model.onnx.data
  MEM_IDLE=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits); mem_watch java
  BENCH_PROPS=(-Dmedgo.bench.modes=greedy,greedy-full,topk)
  bench java-8b-sel 330 $dir iobinding cuda 512 256 800 512 1,8,32,64 graph
  mem_stop java
  zcat $OUT/java-8b-sel.log.gz | grep -E "KV [0-9]+ MiB" | sed 's/^.*INFO: //' | head -2
  if [ -f /root/b8bsf.done ]; then
    BENCH_PROPS=()
    bench java-8b-sel-fused 200 /root/b8bsf iobinding cuda 512 256 800 512 1,8,32,64 graph
  fi
  exit 0
fi

if [ $which = 32b-fused ] && [ $part = wide ]; then
  # decode steps of 4+ rows on a second session with ORT's CUTLASS int4 kernels (profiled for M up to 64)
  wait_export
  export ORT_FPA_INTB_GEMM_INIT_M=64 ORT_FPA_INTB_PROFILE_M=1,2,4,8,16,32,64
  bench java-32b-fused-wide 300 $dir iobinding cuda 512 256 800 512 1,8,32,64 graph 4
  exit 0
fi
if [ $which = 32b-fused ] && [ $part = java ]; then
  wait_export
  bench java-32b-fused-graph 150 $dir iobinding cuda 512 256 800 512 1,8,32,64 graph
  which=32b; read -r preset dir _ <<< "$(export_args 32b)"; wait_export
  bench java-32b-unfused-graph 100 $dir iobinding cuda 512 256 800 512 1,32 graph
  exit 0
fi
if [ $part = java ]; then
  nvidia-smi --query-gpu=name,memory.used,memory.total,clocks.max.sm,clocks.max.mem --format=csv | tee $OUT/gpu-$which.txt
  if [ $which = 8b ]; then
    # Does ORT capture this graph? A 2-layer fp16 graph of the same layout (head size 128), with ORT's log at
    # info level: that shows Memcpy insertion, node placement and graph capture.
    python3 -c "import json,sys; sys.path.insert(0,'inference/export'); from medgo_export import PRESETS; \
json.dump(dict(PRESETS['qwen3-8b'], hidden_size=1024, intermediate_size=3072, num_hidden_layers=2, \
num_attention_heads=8, num_key_value_heads=4), open('/root/small.json','w'))"
    [ -f /root/bsmall/genai_config.json ] || python3 inference/export/medgo_export.py --config /root/small.json \
        --random --seed 1 --dtype fp16 --context-length 1024 --out /root/bsmall 2>&1 | tail -2
    BENCH_PROPS=(-Dmedgo.ort.logLevel=1)
    bench diag-small 60 /root/bsmall iobinding cuda 32 40 128 32 1,2,4 graph
    BENCH_PROPS=()
    bench diag-small-nograph 45 /root/bsmall iobinding cuda 32 40 128 32 1,2,4 nograph
    zcat $OUT/diag-small.log.gz | grep -iE "memcpy|graph capture|cuda graph|capturing|replay|partitioned|placed on|CPUExecutionProvider" \
        | sed 's/^.*\] //' | sort | uniq -c | sort -rn | head -40
  fi
  wait_export
  bench java-$which-graph 220 $dir iobinding cuda 512 256 800 512 1,8,32,64 graph
  bench java-$which-ttft 100 $dir iobinding cuda 4096 4 4200 4096 1,1 nograph
  if [ $which = 8b ]; then
    bench java-$which-nograph 120 $dir iobinding cuda 512 256 800 512 1,32 nograph
  else
    export ORT_FPA_INTB_GEMM=1 ORT_FPA_INTB_GEMM_INIT_M=64
    bench java-$which-graph-fpaintb 200 $dir iobinding cuda 512 256 800 512 1,8,32,64 graph
  fi
fi
if [ $part = peer ]; then
  if [ $which = 8b ]; then
    timeout 400 python3 inference/bench/peer_transformers.py --preset $preset --dtype fp16 --levels 1,8,32,64 \
        --json $OUT/peer-$which.json 2>&1 | grep -v Warning | tee $OUT/peer-$which.log
  else
    timeout 500 python3 inference/bench/peer_transformers.py --preset $preset --dtype fp16 --levels 1,8,32,64 \
        --json $OUT/peer-$which.json 2>&1 | grep -v Warning | tee $OUT/peer-$which.log
  fi
fi
if [ $part = fpa-gemm ]; then
  while pgrep -f peer_transformers.py > /dev/null; do sleep 3; done  # a peer started in the background
  wait_export
  export ORT_FPA_INTB_GEMM=4 ORT_FPA_INTB_GEMM_INIT_M=64
  bench java-$which-graph-fpa-gemm 300 $dir iobinding cuda 512 256 800 512 1,8,32,64 graph
fi
