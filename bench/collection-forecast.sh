#!/usr/bin/env bash
# Collection forecasts (issue #19): a collection of SERIES series × POINTS hourly points forecast h=24 with one
# LSTM(UNITS) shared by every member (trained on the first, passed as `model`), RECURSIVE and DIRECT, in process
# (the service's CollectionForecasts in this JVM: no output, CSV and NDJSON written to nowhere, and its parts: points
# read, forward passes) and over the HTTP stream (CSV and NDJSON read to the end), beside single in-process
# forecasts. The service runs inside the benchmark's JVM on H2 (default storage), one OpenMP thread. Writes
# bench/results/collection-forecast.jsonl and the "Collection forecasts" section of bench/RESULTS.md.
# Usage: bench/collection-forecast.sh [SERIES=10000] [POINTS=200] [UNITS=32]. BENCH_ROLLOUT (default SLIDING;
# SLIDING,STATEFUL for both) chooses the RECURSIVE model's roll-outs, BENCH_NORMALIZATION (default STANDARDIZE;
# WINDOW as a global model) its scaling, BENCH_STRATEGIES (default DIRECT,RECURSIVE) the strategies and
# BENCH_REPEATS (default 5) the timed runs of each measure.
set -euo pipefail
cd "$(dirname "$0")/.."
series=${1:-10000}
points=${2:-200}
units=${3:-32}
mkdir -p bench/results
out=bench/results/collection-forecast.jsonl
: > "$out"

./mvnw -q -B test-compile
cp=$(./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the classes copied: a build in this tree while the benchmark runs must not change them under it
cp -r target/classes target/test-classes "$work/"
OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE java -Xmx3g -Dbench.repeats="${BENCH_REPEATS:-5}" \
  -cp "$work/test-classes:$work/classes:$cp" dev.tsforge.forecasting.web.CollectionForecastBenchmark \
  "$work" "$series" "$points" "$units" "${BENCH_STRATEGIES:-DIRECT,RECURSIVE}" | grep '^{' | tee -a "$out"
uptime | sed 's/^/# /' | tee -a bench/results/collection-forecast.load

/usr/bin/python3 bench/report.py collection "$out" "$series series × $points hourly points, one LSTM($units) shared by all (lookback 24), h=24, levels 80 and 95"
