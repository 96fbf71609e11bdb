#!/usr/bin/env bash
# Ingest latency with anomaly detection off and on, side by side in one run against the real jar on loopback: one
# hourly series, its champion a small SIMPLE_RNN; rounds alternating OFF and ON (the setting switched between
# rounds), each POSTing BATCHES one-point CSV batches one after the other (new timestamps), ROUNDS of each; reports
# per mode the median over rounds of the p50 and p99 ingest latency, the ratios ON/OFF, how many points the detector
# scored and how many batches it dropped. Writes bench/results/anomalies.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out=bench/results/anomalies.jsonl
: > "$out"
ROUNDS=${ROUNDS:-5}
BATCHES=${BATCHES:-200}

[ -n "${SKIP_PACKAGE:-}" ] || ./mvnw -q -B -o -DskipTests package
jar=$(ls target/tsforge-*.jar | head -n 1)
. bench/lib.sh
start_jar "$jar" "$(mktemp -d)" 2g
bench_series bench
train '{"architecture": "SIMPLE_RNN", "hiddenSizes": [8], "lookback": 24, "horizon": 6, "epochs": 5, "validationFraction": 0.3}'
await_job 1
curl -sf -X POST "$base/api/v1/models/1/promote" > /dev/null

/usr/bin/python3 - "$base" "$out" "$ROUNDS" "$BATCHES" <<'PY'
import datetime, json, math, statistics, sys, time, urllib.request
base, out, rounds, batches = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
step = [400]

def call(method, path, body=None, kind="application/json"):
    request = urllib.request.Request(base + path, data=body.encode() if body else None, method=method,
                                     headers={"Content-Type": kind} if body else {})
    with urllib.request.urlopen(request) as response:
        return response.read()

def ingest_round():
    latencies = []
    for _ in range(batches):
        t = start + datetime.timedelta(hours=step[0])
        value = math.sin(2 * math.pi * step[0] / 25)
        step[0] += 1
        began = time.perf_counter()
        call("POST", "/api/v1/series/1/points", "timestamp,value\n%s,%.4f\n" % (t.strftime("%Y-%m-%dT%H:%M:%SZ"), value),
             "text/csv")
        latencies.append((time.perf_counter() - began) * 1000)
    latencies.sort()
    return {"p50Ms": statistics.median(latencies), "p99Ms": latencies[math.ceil(0.99 * len(latencies)) - 1]}

def setting(enabled):
    call("PUT", "/api/v1/series/1/anomalies/settings", json.dumps({"enabled": enabled}))

setting(True)
ingest_round()  # warm-up of both paths
rows = []
with open(out, "a") as f:
    for r in range(1, rounds + 1):
        for mode in ("OFF", "ON"):
            setting(mode == "ON")
            row = {"what": "round", "mode": mode, "round": r, "batches": batches, **ingest_round()}
            rows.append(row)
            f.write(json.dumps(row) + "\n")
    setting(True)
    time.sleep(3)
    scored = json.loads(call("GET", "/api/v1/series/1/anomalies/settings"))["scoredPoints"]
    metrics = call("GET", "/actuator/prometheus").decode()
    dropped = next((float(line.split()[1]) for line in metrics.splitlines()
                    if line.startswith("tsforge_anomalies_dropped_total")), 0.0)
    summary = {m: {k: statistics.median(r[k] for r in rows if r["mode"] == m) for k in ("p50Ms", "p99Ms")}
               for m in ("OFF", "ON")}
    ratio = {k: summary["ON"][k] / summary["OFF"][k] for k in ("p50Ms", "p99Ms")}
    result = {"what": "summary", "medians": summary, "onOverOff": ratio,
              "scoredSinceLastTurnedOn": scored, "dropped": dropped}
    f.write(json.dumps(result) + "\n")
    print(json.dumps(result))
PY
