#!/usr/bin/env bash
# Accuracy benchmark (issue #9): the public series in bench/accuracy/data under the M4 protocol, the service's AUTO
# training beside naive, seasonal naive, Naive2, Theta and, when R is installed, ETS, auto.arima and R's thetaf.
# Writes the "Accuracy" section of bench/RESULTS.md and a chart per series in bench/accuracy/results/.
#
#   bench/accuracy/run.sh                                  # all series, AUTO budget 60 s each
#   BENCH_SERIES=nhtemp,mdeaths BENCH_BUDGET=20 bench/accuracy/run.sh
#
# R (optional): apt-get install r-base-core r-cran-forecast
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
cp=$(./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -Xmx2g -Dbench.series="${BENCH_SERIES:-}" -Dbench.budget="${BENCH_BUDGET:-60}" \
  -cp "target/test-classes:target/classes:$cp" dev.tsforge.bench.AccuracyBenchmark
