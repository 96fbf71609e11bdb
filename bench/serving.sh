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
work=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
OMP_NUM_THREADS=1 java -Xmx2g -jar "$jar" --server.port="$port" \
  --spring.datasource.url="jdbc:h2:file:$work/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" \
  --tsforge.storage.model-dir="$work/models" --tsforge.training.fused-lstm=true > "$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "$base/actuator/health" > /dev/null && break; sleep 1; done

curl -sf -X POST "$base/api/v1/series" -H 'Content-Type: application/json' \
  -d '{"name": "bench", "frequency": "PT1H"}' > /dev/null
awk 'BEGIN { srand(7); print "timestamp,value";
  for (i = 0; i < 400; i++) {
    printf "2024-01-%02dT%02d:00:00Z,%.4f\n", 1 + int(i / 24), i % 24, sin(2 * 3.14159265 * i / 25) + 0.3 * (rand() - 0.5) } }' \
  | curl -sf -X POST "$base/api/v1/series/1/points" -H 'Content-Type: text/csv' --data-binary @- > /dev/null
curl -sf -X POST "$base/api/v1/series/1/trainings" -H 'Content-Type: application/json' \
  -d '{"architecture": "LSTM", "hiddenSizes": [64], "lookback": 24, "horizon": 24, "epochs": 3, "validationFraction": 0.3}' > /dev/null
for _ in $(seq 1 300); do
  status=$(curl -sf "$base/api/v1/training-jobs/1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$status" = SUCCEEDED ] && break
  [ "$status" = FAILED ] && { echo "training failed" >&2; exit 1; }
  sleep 1
done
curl -sf -X POST "$base/api/v1/models/1/promote" > /dev/null
# the same network, DIRECT: all 24 steps in one forward pass
curl -sf -X POST "$base/api/v1/series/1/trainings" -H 'Content-Type: application/json' \
  -d '{"architecture": "LSTM", "hiddenSizes": [64], "lookback": 24, "horizon": 24, "strategy": "DIRECT", "epochs": 3, "validationFraction": 0.3}' > /dev/null
for _ in $(seq 1 300); do
  status=$(curl -sf "$base/api/v1/training-jobs/2" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$status" = SUCCEEDED ] && break
  [ "$status" = FAILED ] && { echo "training failed" >&2; exit 1; }
  sleep 1
done

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
