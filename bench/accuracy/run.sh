#!/usr/bin/env bash
# Accuracy benchmark (issue #9): the 24 public series of bench/accuracy/manifest.csv (7 from shared/data, 17 from
# shared/data/more: yearly, quarterly, monthly, weekly on Fridays, daily with business days, per-minute and
# 10-minute) under the M4 protocol, the service's AUTO training beside naive, seasonal naive, Naive2, Theta and, when
# R is installed, ETS, auto.arima and R's thetaf. Then, per series, the coverage of the service's 80 % and 95 %
# intervals over about ten rolling origins, by the service's refitting backtest of the AUTO winner's spec. Checks the
# goals (overall OWA below ETS's and auto.arima's, at most 1.05 per group of 3+ series, no series above 1.5, every
# AUTO job within its budget + 20 %, pooled coverage within 5 points of nominal per group) and prints PASS or FAIL.
# Writes the "Accuracy" section of bench/RESULTS.md and a chart per series in bench/accuracy/results/.
#
#   bench/accuracy/run.sh                                  # all 24 series, AUTO budget 60 s each, with coverage
#   BENCH_SERIES=nhtemp,mdeaths BENCH_BUDGET=20 bench/accuracy/run.sh
#   BENCH_COVERAGE=false bench/accuracy/run.sh             # skip the refitting backtests (the longest part)
#   BENCH_FOLDS=5 bench/accuracy/run.sh                    # fewer rolling origins per series (default 10)
#   BENCH_MANIFEST=bench/accuracy/check/manifest.csv bench/accuracy/run.sh
#                     # the check set: 19 series from R's datasets and forecast packages that no default was chosen
#                     # on; writes its own section of bench/RESULTS.md and its charts in bench/accuracy/check/results/
#
# R (optional): apt-get install r-base-core r-cran-forecast
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
cp=$(./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -Xmx2g -Dbench.manifest="${BENCH_MANIFEST:-bench/accuracy/manifest.csv}" -Dbench.series="${BENCH_SERIES:-}" -Dbench.budget="${BENCH_BUDGET:-60}" \
  -Dbench.coverage="${BENCH_COVERAGE:-true}" -Dbench.coverage.folds="${BENCH_FOLDS:-10}" \
  -cp "target/test-classes:target/classes:$cp" dev.tsforge.bench.AccuracyBenchmark
