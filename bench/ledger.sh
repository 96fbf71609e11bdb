#!/usr/bin/env bash
# Forecast latency with the ledger's recording off and on (mode EVERY), side by side in one run against the real jar
# on loopback: one series, its champion a cached LSTM(64) (h=24, default intervals, as bench/serving.sh), wrk rounds
# alternating OFF and EVERY on the same series and model (the setting switched between rounds, the order swapped
# every round), ROUNDS of each after WARMUP seconds (default 30) of both;
# reports per mode the median over rounds of wrk's p50 and p99, requests/s and the service's CPU ms per request, the
# ratios EVERY/OFF, how many forecasts the ledger recorded, dropped and recognised as repeats (the series' points do
# not change during the run, so after the first forecast every one is the same: the writer reads and drops it), and
# its writer thread's CPU ms per recorded and per handed-over forecast (the CPU figures hold up on a busy machine, where the latencies do not). Writes bench/results/ledger.jsonl. Needs wrk (apt-get install wrk).
# GC_LOG=FILE also logs the service's collections there (-Xlog:gc) and reports per mode the MB/s allocated and the
# young pauses within the rounds (bench/gc_rounds.py), which move the p99 here and are less noisy than it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out=bench/results/ledger.jsonl
: > "$out"
ROUNDS=${ROUNDS:-5}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
CONNECTIONS=${CONNECTIONS:-4}
WARMUP=${WARMUP:-30}

[ -n "${SKIP_PACKAGE:-}" ] || ./mvnw -q -B -o -DskipTests package
jar=$(ls target/tsforge-*.jar | head -n 1)
. bench/lib.sh
if [ -n "${GC_LOG:-}" ]; then
  JAVA_OPTS_EXTRA="${JAVA_OPTS_EXTRA:-} -Xlog:gc:file=$GC_LOG:timemillis"
fi
start_jar "$jar" "$(mktemp -d)" 2g
bench_series bench
train '{"architecture": "LSTM", "hiddenSizes": [64], "lookback": 24, "horizon": 24, "epochs": 3, "validationFraction": 0.3}'
await_job 1
curl -sf -X POST "$base/api/v1/models/1/promote" > /dev/null

# the service's CPU time so far (all its threads: requests, the ledger's writer, H2 inside it, GC), in ms
service_cpu_ms() {
  awk -v tck="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / tck) }' "/proc/$pid/stat"
}
# the ledger writer thread's CPU time, in ms
writer_cpu_ms() {
  for task in /proc/"$pid"/task/*; do
    if [ "$(cat "$task/comm")" = ledger-writer ]; then
      awk -v tck="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / tck) }' "$task/stat"
    fi
  done
}
round_out=$(mktemp)
record() {
  curl -sf -X PUT "$base/api/v1/series/1/recording" -H 'Content-Type: application/json' -d "{\"mode\": \"$1\"}" > /dev/null
}
# warm-up of both paths, long enough for the JIT to settle: a round before it measures the compiler, not the ledger
for mode in EVERY OFF; do
  record $mode
  wrk -t$(( CONNECTIONS > 1 ? 2 : 1 )) -c$CONNECTIONS -d$(( WARMUP / 2 ))s -s bench/forecast.lua "$base/api/v1/forecasts" > /dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  # the order alternates (OFF first in odd rounds, EVERY first in even), so that a drift over the run (the ledger's
  # table growing, the machine's load) falls on both modes alike
  order="OFF EVERY"
  [ $(( round % 2 )) -eq 0 ] && order="EVERY OFF"
  for mode in $order; do
    record $mode
    started=$(date +%s%3N)
    cpu_before=$(service_cpu_ms)
    wrk -t$(( CONNECTIONS > 1 ? 2 : 1 )) -c$CONNECTIONS -d${SECONDS_PER_ROUND}s --timeout 10s --latency -s bench/forecast.lua "$base/api/v1/forecasts" > "$round_out"
    cpu_after=$(service_cpu_ms)
    /usr/bin/python3 -c '
import json, re, sys
text = sys.stdin.read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
pct = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)$", text, re.M)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(json.dumps({"what": "wrk", "mode": sys.argv[1], "round": int(sys.argv[2]), "connections": int(sys.argv[3]),
                  "requestsPerSecond": rps, "p50Ms": pct.get("50"), "p99Ms": pct.get("99"),
                  "non2xx": int(errors.group(1)) if errors else 0, "startMs": int(sys.argv[4]),
                  "endMs": int(sys.argv[4]) + 1000 * int(sys.argv[5]), "serviceCpuMs": int(sys.argv[6]),
                  "cpuMsPerRequest": int(sys.argv[6]) / (rps * int(sys.argv[5]))}))
' "$mode" "$round" "$CONNECTIONS" "$started" "$SECONDS_PER_ROUND" "$((cpu_after - cpu_before))" < "$round_out" >> "$out"
  done
done
record OFF
sleep 2
metrics=$(curl -sf "$base/actuator/prometheus")
recorded=$(echo "$metrics" | awk '/^tsforge_ledger_recorded_total/ { print $2 }')
dropped=$(echo "$metrics" | awk '/^tsforge_ledger_dropped_total/ { print $2 }')
repeated=$(echo "$metrics" | awk '/^tsforge_ledger_repeated_total/ { print $2 }')
writer=$(writer_cpu_ms)
echo "{\"what\": \"ledger\", \"recorded\": ${recorded:-0}, \"dropped\": ${dropped:-0}, \"repeated\": ${repeated:-0}, \"writerCpuMs\": ${writer:-0}}" >> "$out"

/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
runs = [r for r in rows if r["what"] == "wrk"]
summary = {}
for mode in ("OFF", "EVERY"):
    mine = [r for r in runs if r["mode"] == mode]
    summary[mode] = {k: statistics.median(r[k] for r in mine)
                     for k in ("p50Ms", "p99Ms", "requestsPerSecond", "cpuMsPerRequest")}
    # the spread of a mode's own rounds: how far apart two rounds of the same setting land on this machine
    summary[mode]["p99MinMs"] = min(r["p99Ms"] for r in mine)
    summary[mode]["p99MaxMs"] = max(r["p99Ms"] for r in mine)
    summary[mode]["rounds"] = len(mine)
    summary[mode]["non2xx"] = sum(r["non2xx"] for r in mine)
ratio = {k: summary["EVERY"][k] / summary["OFF"][k] for k in ("p50Ms", "p99Ms", "requestsPerSecond", "cpuMsPerRequest")}
counts = {k: v for k, v in next(r for r in rows if r["what"] == "ledger").items() if k != "what"}
counts["writerCpuMsPerRecorded"] = counts["writerCpuMs"] / counts["recorded"] if counts["recorded"] else None
# what the writer spent per forecast it was handed (written or recognised as one the ledger holds)
handed = counts["recorded"] + counts.get("repeated", 0)
counts["writerCpuMsPerHanded"] = counts["writerCpuMs"] / handed if handed else None
# without the counts row's own "what", which would overwrite the one naming the comparison
result = {"what": "forecasts, ledger recording EVERY vs OFF", "medians": summary, "everyOverOff": ratio, **counts}
print(json.dumps(result))
with open(sys.argv[1], "a") as f:
    f.write(json.dumps(result) + "\n")
PY
if [ -n "${GC_LOG:-}" ]; then
  /usr/bin/python3 bench/gc_rounds.py "$GC_LOG" "$out"
fi
rm -f "$round_out"
