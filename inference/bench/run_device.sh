#!/bin/bash
# GPU benchmark, run on the device machine (see inference/BENCHMARKS.md, GPU section) from the repo root:
#   bash .dev/gpu/bench/run_device.sh 8b      (Qwen3-8B shape, fp16)
#   bash .dev/gpu/bench/run_device.sh 32b     (Qwen3-32B shape, int4 MatMulNBits block 128)
# Needs the staged runtime (/root/gpu/rt, /root/gpu/jre; ../shared/gpu/README.md) and the jars in .dev/gpu/lib.
# Writes logs to $OUT.
set -uo pipefail
which=${1:-8b}
part=${2:-all}
here=$(cd "$(dirname "$0")" && pwd)
lib=$here/../lib
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
export LD_LIBRARY_PATH=/root/gpu/rt/cuda12:/root/gpu/rt/ort${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
JAVA=/root/gpu/jre/bin/java
JOPTS="-Xmx16g --enable-native-access=ALL-UNNAMED -Donnxruntime.native.path=/root/gpu/rt/ort -DRUST_FLAVOR=cpu"
CP="$lib/*"
case $which in
  8b) preset=qwen3-8b; extra=""; dir=/root/b8b ;;
  32b) preset=qwen3-32b; extra="--int4 128"; dir=/root/b32b ;;
esac
export PYTHONUNBUFFERED=1
if [ ! -f $dir/genai_config.json ]; then
  t=$(date +%s)
  python3 inference/export/medgo_export.py --preset $preset --random --seed 1 --dtype fp16 $extra \
      --context-length 8192 --out $dir 2>&1 | tail -5 | tee $OUT/export-$which.log
  echo "export took $(( $(date +%s) - t )) s; $(du -sh $dir)" | tee -a $OUT/export-$which.log
fi
if [ $part = all ] || [ $part = java ]; then
  nvidia-smi --query-gpu=name,memory.used,memory.total,clocks.sm,clocks.mem --format=csv | tee $OUT/gpu-$which.txt
  $JAVA $JOPTS -cp "$CP" org.medgo.inference.gpu.GpuBench $dir iobinding cuda 512 256 800 512 1,8,32,64 2>&1 \
      | grep -v "^WARNING\|^\[main\] INFO\|^\[main\] WARN" | tee $OUT/java-$which.log
  $JAVA $JOPTS -cp "$CP" org.medgo.inference.gpu.GpuBench $dir iobinding cuda 4096 4 4200 4096 1,1 2>&1 \
      | grep -v "^WARNING\|^\[main\] INFO\|^\[main\] WARN" | tee $OUT/java-ttft-$which.log
fi
if [ $part = all ] || [ $part = javaapi ]; then
  $JAVA $JOPTS -cp "$CP" org.medgo.inference.gpu.GpuBench $dir ort-java cuda 512 64 800 512 1 2>&1 \
      | grep -v "^WARNING\|^\[main\] INFO\|^\[main\] WARN" | tee $OUT/javaapi-$which.log
fi
if [ $part = all ] || [ $part = peer ]; then
  if [ $which = 8b ]; then
    python3 $here/peer_transformers.py --preset $preset --dtype fp16 --levels 1,8,32,64 \
        --json $OUT/peer-$which.json 2>&1 | grep -v Warning | tee $OUT/peer-$which.log
  else
    python3 $here/peer_transformers.py --bandwidth-only 2>&1 | tee $OUT/peer-$which.log
  fi
fi
