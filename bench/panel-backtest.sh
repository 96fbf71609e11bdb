#!/usr/bin/env bash
# Collection backtest, global vs local (issue #19): the service (the jar, H2 in a temporary folder, one OpenMP
# thread) is started, the public series of bench/accuracy/manifest.csv are uploaded as one collection per frequency
# group (yearly, quarterly, monthly), a seeded synthetic panel as another (bench/panel_backtest.py says how it is
# made), and each is backtested over HTTP with POST /collections/{name}/backtests and the service's defaults: one
# global network (the global training defaults: LSTM(32), lookback 24, WINDOW scaling, up to 50 epochs with early
# stopping) against the same spec fitted on each member alone, ETS, Theta and seasonal naive, scored against Naive2
# at three origins, M4's horizon for the frequency. Writes bench/results/panel-backtest.jsonl (every member's row)
# and prints the markdown table of bench/RESULTS.md's "Collection backtest: global vs local (issue #19)".
# Usage: bench/panel-backtest.sh [DATA_DIR=/work/shared/data]. BENCH_MAVEN_FLAGS (default -o) goes to ./mvnw;
# BENCH_PANELS and BENCH_SPEC choose panels and add spec fields, BENCH_AUTO_BUDGET adds AUTO per member (seconds per
# member and fold; bench/panel_backtest.py), BENCH_OUT names the
# results file of such a variant (default bench/results/panel-backtest.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/work/shared/data}
read -r -a mvn_flags <<< "${BENCH_MAVEN_FLAGS--o}"
mkdir -p bench/results
out=${BENCH_OUT:-bench/results/panel-backtest.jsonl}

./mvnw "${mvn_flags[@]}" -q -B -DskipTests package
jar=$(ls target/tsforge-*.jar | head -n 1)
work=$(mktemp -d)
cp "$jar" "$work/tsforge.jar"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export OMP_NUM_THREADS=1
setsid java -jar "$work/tsforge.jar" --server.port="$port" \
  --spring.datasource.url="jdbc:h2:file:$work/db;DB_CLOSE_ON_EXIT=FALSE" \
  --tsforge.storage.model-dir="$work/models" < /dev/null > "$work/service.log" 2>&1 &
pgid=$!
trap 'kill -TERM -- "-$pgid" 2>/dev/null || true; sleep 3; kill -KILL -- "-$pgid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null && break
  sleep 1
done
uptime | sed 's/^/# before: /'
/usr/bin/python3 bench/panel_backtest.py "http://127.0.0.1:$port" "$data" "$out"
uptime | sed 's/^/# after: /'
/usr/bin/python3 bench/panel_backtest.py --report "$out"
