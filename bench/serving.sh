#!/usr/bin/env bash
# Serving, side by side in one run against the real jar on loopback: wrk throughput and latency of
# POST /api/v1/forecasts (a cached LSTM(64), h=24, default intervals), sequential single requests, batches of 100,
# and the in-process cost of the same forecast without HTTP, as the service runs it (plain Java) and through DL4J's
# output(). Writes bench/results/serving.jsonl and the "Serving"
# section of bench/RESULTS.md. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out=bench/results/serving.jsonl
: > "$out"

./mvnw -q -B -DskipTests package
jar=$(ls target/tsforge-*.jar | head -n 1)
. bench/lib.sh
work=$(mktemp -d)
start_jar "$jar" "$work" 2g --tsforge.training.fused-lstm=true
bench_series bench
train '{"architecture": "LSTM", "hiddenSizes": [64], "lookback": 24, "horizon": 24, "epochs": 3, "validationFraction": 0.3}'
await_job 1
curl -sf -X POST "$base/api/v1/models/1/promote" > /dev/null
# the same network, DIRECT: all 24 steps in one forward pass
train '{"architecture": "LSTM", "hiddenSizes": [64], "lookback": 24, "horizon": 24, "strategy": "DIRECT", "epochs": 3, "validationFraction": 0.3}'
await_job 2

# warm-up, then throughput with 8 connections and latency with one
wrk -t2 -c8 -d5s -s bench/forecast.lua "$base/api/v1/forecasts" > /dev/null
for run in recursive:8 recursive:4 recursive:1 direct:8 direct:4 direct:1; do
  strategy=${run%%:*}
  connections=${run##*:}
  script=bench/forecast.lua
  [ "$strategy" = direct ] && script=bench/forecast_direct.lua
  wrk -t$(( connections > 1 ? 2 : 1 )) -c$connections -d15s --timeout 10s --latency -s $script "$base/api/v1/forecasts" \
    | /usr/bin/python3 -c '
import json, re, sys
text = sys.stdin.read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
pct = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)$", text, re.M)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(json.dumps({"what": "wrk", "strategy": sys.argv[2], "connections": int(sys.argv[1]), "requestsPerSecond": rps,
                  "p50Ms": pct.get("50"), "p99Ms": pct.get("99"), "non2xx": int(errors.group(1)) if errors else 0}))
' "$connections" "$strategy" >> "$out"
done

/usr/bin/python3 bench/serving_client.py "$base" 1 24 recursive >> "$out"
/usr/bin/python3 bench/serving_client.py "$base" 2 24 direct >> "$out"
cp=$(./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
./mvnw -q -B test-compile
for job in 1 2; do
  OMP_NUM_THREADS=1 java -cp "target/test-classes:target/classes:$cp" dev.tsforge.model.ForecastLatencyBenchmark \
    "$work/models/series-1/job-$job.zip" 24 300 2>/dev/null | grep '^{' >> "$out"
done
OMP_NUM_THREADS=1 java -cp "target/test-classes:target/classes:$cp" dev.tsforge.model.ForecastLatencyBenchmark \
  --lstm-layers 300 2>/dev/null | grep '^{' >> "$out"

/usr/bin/python3 bench/report.py serving "$out" "LSTM(64), lookback 24, h=24, levels 80 and 95"
