#!/usr/bin/env bash
# Covariates against R's auto.arima with the same regressors (issue #24), in one run: the series of
# bench/covariates/data (written by data.R: FrozenJuice, Seatbelts, two seeded simulated series) backtested over five
# 12-month rolling origins by R (auto.arima with and without xreg, seasonal naive: arima.R) and by the service (the
# same LSTM with and without its drivers as KNOWN_FUTURE covariate series, refitted at every origin: service.py),
# then the table (report.py). Writes bench/results/covariates-arima.jsonl and covariates-service.jsonl.
# Needs R with the forecast and AER packages (apt-get install -y r-base-core r-cran-forecast r-cran-aer).
# BENCH_SEEDS (default 3) seeds per network variant; BENCH_MAVEN_FLAGS (default -o) goes to ./mvnw.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a mvn_flags <<< "${BENCH_MAVEN_FLAGS--o}"
mkdir -p bench/results
[ -d bench/covariates/data ] || Rscript bench/covariates/data.R
Rscript bench/covariates/arima.R bench/results/covariates-arima.jsonl 12 5

./mvnw "${mvn_flags[@]}" -q -B -DskipTests package
jar=$(ls target/tsforge-*.jar | head -n 1)
. bench/lib.sh
start_jar "$jar" "$(mktemp -d)" 2g
/usr/bin/python3 bench/covariates/service.py "$base" bench/results/covariates-service.jsonl 12 5 "${BENCH_SEEDS:-3}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
/usr/bin/python3 bench/covariates/report.py bench/results/covariates-arima.jsonl bench/results/covariates-service.jsonl
