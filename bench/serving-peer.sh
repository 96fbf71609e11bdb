#!/usr/bin/env bash
# Serving against a PyTorch peer (issue #21), side by side in one run on loopback: the real jar and a FastAPI +
# uvicorn + PyTorch service (bench/peer/) serving the same LSTM(64), lookback 24, h = 24, STANDARDIZE, RECURSIVE,
# its weights and normaliser copied out of tsforge's model (PeerWeights). Checks first that both forecast the same
# windows within 1e-4 (fails otherwise), then drives both with the same wrk load (bench/forecast_windows.lua, values
# sent with each request, 1,000 rotating windows, no intervals): single forecasts and batches of 100 at 8
# connections; tsforge with rollout STATEFUL and SLIDING, the peer with 1 and 2 worker processes; then a network as
# AUTO serves them (LSTM(32), LAST_VALUE, SLIDING: "AUTO" in the results) against the peer serving it alike. Writes
# bench/results/serving-peer.jsonl and the "Serving against a PyTorch peer (issue #21)" section of bench/RESULTS.md.
# Then the in-process cost of a batch of 100 one by one against one block (BlockForecastBenchmark).
# Needs: apt-get install -y python3-fastapi python3-uvicorn python3-torch wrk. DURATION (s, default 15) per run,
# ROUNDS (default 2) of all the services in turn; RESULTS.md shows the median over rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out=bench/results/serving-peer.jsonl
: > "$out"
duration=${DURATION:-15}
py=/usr/bin/python3
echo "{\"what\": \"load\", \"at\": \"start\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$out"

./mvnw ${MVN_FLAGS:-} -q -B -DskipTests package
./mvnw ${MVN_FLAGS:-} -q -B test-compile
cp=$(./mvnw ${MVN_FLAGS:-} -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
jar=$(ls target/tsforge-*.jar | head -n 1)
. bench/lib.sh
work=$(mktemp -d)
start_jar "$jar" "$work" 2g --tsforge.training.fused-lstm=true
peer_pid=
stop_peer() { [ -n "$peer_pid" ] && { kill "$peer_pid" 2>/dev/null; wait "$peer_pid" 2>/dev/null || true; }; peer_pid=; }
trap 'stop_peer; kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
bench_series bench
# the same spec and seed twice, STATEFUL then SLIDING: the roll-out is not part of the fit; then a network as AUTO
# serves them (an LSTM of 32 units, lookback one season, LAST_VALUE, which rolls out SLIDING)
train() {
  job=$(curl -sf -X POST "$base/api/v1/series/1/trainings" -H 'Content-Type: application/json' \
    -d "{\"architecture\": \"LSTM\", \"hiddenSizes\": [${2:-64}], \"lookback\": 24, \"horizon\": 24, \"epochs\": 3,
         \"validationFraction\": 0.3, \"normalization\": \"${3:-STANDARDIZE}\", \"seed\": 7, \"rollout\": \"$1\"}" \
    | $py -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  for _ in $(seq 1 600); do
    read -r status model < <(curl -sf "$base/api/v1/training-jobs/$job" \
      | $py -c 'import json,sys; j=json.load(sys.stdin); print(j["status"], j.get("modelId"))')
    [ "$status" = SUCCEEDED ] && { echo "$model"; return; }
    [ "$status" = FAILED ] && { echo "training $1 failed" >&2; exit 1; }
    sleep 1
  done
  echo "training $1 timed out" >&2; exit 1
}
stateful=$(train STATEFUL)
sliding=$(train SLIDING)
auto=$(train SLIDING 32 LAST_VALUE)
for model in "$stateful" "$sliding" "$auto"; do
  curl -sf "$base/api/v1/models/$model/artifact" -o "$work/model-$model.zip"
  java -cp "target/test-classes:target/classes:$cp" dev.tsforge.bench.PeerWeights "$work/model-$model.zip" \
    2>/dev/null | grep '^{' > "$work/weights-$model.json"
done
same=$(cmp -s "$work/weights-$stateful.json" "$work/weights-$sliding.json" && echo true || echo false)
echo "{\"what\": \"models\", \"stateful\": $stateful, \"sliding\": $sliding, \"auto\": $auto, \"sameWeights\": $same}" >> "$out"

start_peer() {
  peer_port=$(free_port)
  peer="http://127.0.0.1:$peer_port"
  # WORKERS [MODEL ROLL_OUT]: the STATEFUL LSTM(64) by default
  $py bench/peer/app.py "$work/weights-${2:-$stateful}.json" "$peer_port" "$1" "${3:-STATEFUL}" > "$work/peer.log" 2>&1 &
  peer_pid=$!
  for _ in $(seq 1 120); do
    curl -sf -X POST "$peer/api/v1/forecasts" -H 'Content-Type: application/json' \
      -d '{"horizon": 1, "values": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}' > /dev/null && return
    sleep 1
  done
  cat "$work/peer.log" >&2; exit 1
}
# wrk against URL: warm-up, then single forecasts and batches of 100 at 8 connections
measure() {
  local url=$1 model=$2 service=$3 rollout=$4 workers=$5
  MODEL_ID=$model wrk -t2 -c8 -d3s -s bench/forecast_windows.lua "$url/api/v1/forecasts" > /dev/null
  MODEL_ID=$model wrk -t2 -c8 -d"${duration}s" --timeout 10s --latency -s bench/forecast_windows.lua \
    "$url/api/v1/forecasts" | $py bench/peer/wrk_row.py "$service" "$rollout" "$workers" 8 0 >> "$out"
  MODEL_ID=$model BATCH=100 wrk -t2 -c8 -d3s --timeout 30s -s bench/forecast_windows.lua \
    "$url/api/v1/forecasts/batch" > /dev/null
  MODEL_ID=$model BATCH=100 wrk -t2 -c8 -d"${duration}s" --timeout 30s --latency -s bench/forecast_windows.lua \
    "$url/api/v1/forecasts/batch" | $py bench/peer/wrk_row.py "$service" "$rollout" "$workers" 8 100 >> "$out"
}

start_peer 1
$py bench/peer/agree.py "$base" "$stateful" "$peer" | tee -a "$out"
stop_peer
start_peer 1 "$auto" SLIDING
$py bench/peer/agree.py "$base" "$auto" "$peer" AUTO | tee -a "$out"
stop_peer
# the JIT compiles tsforge's hot paths under load first: without this, its first round runs partly interpreted
for model in "$stateful" "$sliding" "$auto"; do
  MODEL_ID=$model wrk -t2 -c8 -d10s -s bench/forecast_windows.lua "$base/api/v1/forecasts" > /dev/null
  MODEL_ID=$model BATCH=100 wrk -t2 -c8 -d10s --timeout 30s -s bench/forecast_windows.lua \
    "$base/api/v1/forecasts/batch" > /dev/null
done
# ROUNDS rounds, each service in turn, so that a shared machine's changing load falls on all of them alike
for round in $(seq 1 "${ROUNDS:-2}"); do
  start_peer 1
  measure "$peer" 1 peer STATEFUL 1
  stop_peer
  measure "$base" "$stateful" tsforge STATEFUL 0
  start_peer 2
  measure "$peer" 1 peer STATEFUL 2
  stop_peer
  measure "$base" "$sliding" tsforge SLIDING 0
  start_peer 1 "$auto" SLIDING
  measure "$peer" 1 peer AUTO 1
  stop_peer
  measure "$base" "$auto" tsforge AUTO 0
  start_peer 2 "$auto" SLIDING
  measure "$peer" 1 peer AUTO 2
  stop_peer
done
# many windows per weight pass, in process on one thread: a batch of 100 one by one vs as one block
OMP_NUM_THREADS=1 java -cp "target/test-classes:target/classes:$cp" \
  dev.tsforge.model.internal.network.BlockForecastBenchmark 31 2>/dev/null | grep '^{' >> "$out"
echo "{\"what\": \"load\", \"at\": \"end\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$out"
$py bench/peer/report.py "$out" "wrk ${duration} s per run, 8 connections"
