#!/usr/bin/env bash
# Training throughput, side by side in one run: the service's fit, a plain DL4J loop, and PyTorch CPU, on the same
# model and data. Writes bench/results/training.jsonl and the "Training throughput" section of bench/RESULTS.md.
#
#   bench/training.sh                  # defaults: 2048 windows, 2 epochs, 3 repeats
#   BENCH_WINDOWS=4096 bench/training.sh
#
# Needs PyTorch for the comparison: apt-get install python3-torch (Debian's build, used with /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out=bench/results/training.jsonl
: > "$out"

./mvnw -q -B test-compile
cp=$(./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
windows=${BENCH_WINDOWS:-2048}
epochs=${BENCH_EPOCHS:-2}
repeats=${BENCH_REPEATS:-3}

# Idle OpenMP threads sleep instead of spinning, for both sides, as the service's images run (docker/Dockerfile):
# with two threads on 2 cores, spinning made DL4J ~1.8x slower. BENCH_OMP_WAIT_POLICY=ACTIVE measures the default.
export OMP_WAIT_POLICY=${BENCH_OMP_WAIT_POLICY:-PASSIVE}

for threads in 1 2; do
  echo "DL4J, OMP_NUM_THREADS=$threads" >&2
  # maxphysicalbytes=0: JavaCPP's memory check on every native allocation off, as the service runs (ProcessMemoryLimit)
  OMP_NUM_THREADS=$threads java -Xmx2g -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Dbench.windows="$windows" -Dbench.epochs="$epochs" -Dbench.repeats="$repeats" \
    -Dtsforge.runtime.math-threads="$threads" -cp "target/test-classes:target/classes:$cp" \
    dev.tsforge.model.internal.network.TrainingThroughputBenchmark 2>/dev/null | grep '^{' >> "$out"
done

py=${PYTHON:-/usr/bin/python3}
if "$py" -c 'import torch' 2>/dev/null; then
  echo "PyTorch" >&2
  BENCH_WINDOWS=$windows BENCH_EPOCHS=$epochs BENCH_REPEATS=$repeats "$py" bench/torch_training.py >> "$out"
else
  echo "PyTorch not found for $py: skipping the comparison (apt-get install python3-torch)" >&2
fi

"$py" bench/report.py training "$out" "windows=$windows epochs=$epochs repeats=$repeats OMP_WAIT_POLICY=$OMP_WAIT_POLICY"
