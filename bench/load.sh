#!/usr/bin/env bash
# Mixed load for 60 s on loopback against the real jar, while a training job runs: forecasts, series reads,
# ingests and point reads (bench/mixed.lua), 8 connections. Reports requests/s, p50/p99, the error count, and heap
# and RSS in the first and last 10 s (memory growth), into bench/results/load.json (samples every 5 s in
# load-memory.txt) and the "Load" section of bench/RESULTS.md. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
duration=${LOAD_SECONDS:-60}
./mvnw -q -B -DskipTests package
jar=$(ls target/tsforge-*.jar | head -n 1)
. bench/lib.sh
# LOAD_SERVICE_ARGS: more settings for the service, e.g. --tsforge.runtime.max-physical-bytes=1500M
# LOAD_JAVA_OPTS: more JVM options, e.g. "-Xms1g -XX:+AlwaysPreTouch" so that heap growth does not show in RSS
# shellcheck disable=SC2086  # LOAD_SERVICE_ARGS is a list of settings
work=$(mktemp -d)
JAVA_OPTS_EXTRA=${LOAD_JAVA_OPTS:-} start_jar "$jar" "$work" 1g ${LOAD_SERVICE_ARGS:-}

curl -sf -X POST "$base/api/v1/series" -H 'Content-Type: application/json' -d '{"name": "load", "frequency": "PT1H"}' > /dev/null
awk 'BEGIN { print "timestamp,value"; for (i = 0; i < 400; i++)
  printf "2024-01-%02dT%02d:00:00Z,%.4f\n", 1 + int(i / 24), i % 24, sin(i / 4) }' \
  | curl -sf -X POST "$base/api/v1/series/1/points" -H 'Content-Type: text/csv' --data-binary @- > /dev/null
curl -sf -X POST "$base/api/v1/series/1/trainings" -H 'Content-Type: application/json' \
  -d '{"architecture": "LSTM", "hiddenSizes": [32], "lookback": 24, "horizon": 24, "strategy": "DIRECT", "epochs": 5}' > /dev/null
await_job 1
curl -sf -X POST "$base/api/v1/models/1/promote" > /dev/null
# the training that runs during the load: long enough to outlast it (LOAD_TRAINING=0: none)
[ "${LOAD_TRAINING:-1}" = 0 ] || curl -sf -X POST "$base/api/v1/series/1/trainings" -H 'Content-Type: application/json' \
  -d '{"architecture": "'"${LOAD_TRAINING_ARCH:-LSTM}"'", "hiddenSizes": [32], "lookback": 24, "horizon": 24, "epochs": 10000, "earlyStoppingPatience": 0}' > /dev/null
[ "${LOAD_TRAINING:-1}" = 0 ] || for _ in $(seq 1 60); do [ "$(job_status 2)" = RUNNING ] && break; sleep 1; done

sample() {  # seconds-since-start heap-bytes rss-kib
  heap=$(curl -sf "$base/actuator/prometheus" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ { s += $NF } END { printf "%d", s }')
  rss=$(awk '/VmRSS/ { print $2 }' /proc/$pid/status)
  echo "$1 $heap $rss"
}
curl -sf "$base/actuator/prometheus" | grep '^jvm_memory_used_bytes' | head -3
( for t in $(seq 0 5 "$duration"); do sample "$t"; sleep 5; done ) > "$work/memory.txt" &
sampler=$!
wrk -t2 -c8 -d"${duration}s" --timeout 10s --latency -s bench/mixed.lua "$base" > "$work/wrk.txt"
wait $sampler || true
cp "$work/memory.txt" bench/results/load-memory.txt   # every 5 s: seconds, heap bytes used, RSS KiB
training=$([ "${LOAD_TRAINING:-1}" = 0 ] && echo "none" || job_status 2)
/usr/bin/python3 - "$work/wrk.txt" "$work/memory.txt" "$training" "$duration" "${LOAD_SERVICE_ARGS:-}" <<'PY'
import json, re, sys, datetime, platform, subprocess
wrk, memory, training, duration = open(sys.argv[1]).read(), open(sys.argv[2]).read().split("\n"), sys.argv[3], int(sys.argv[4])
def ms(text, label):
    m = re.search(label + r"\s+([\d.]+)(us|ms|s)", text)
    if not m: return None
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
samples = [tuple(map(int, line.split())) for line in memory if line.strip()]
first = [s for s in samples if s[0] <= 10]
last = [s for s in samples if s[0] >= duration - 10]
mean = lambda rows, i: sum(r[i] for r in rows) / len(rows) / 2**20 * (1024 if i == 2 else 1)
result = {
    "date": str(datetime.date.today()), "seconds": duration, "connections": 8,
    "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1)),
    "p50_ms": ms(wrk, "50%"), "p99_ms": ms(wrk, "99%"),
    "errors": int(re.search(r"errors: (\d+)", wrk).group(1))
              + sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", wrk)),
    "heap_mib_first_10s": round(mean(first, 1), 1), "heap_mib_last_10s": round(mean(last, 1), 1),
    "rss_mib_first_10s": round(mean(first, 2), 1), "rss_mib_last_10s": round(mean(last, 2), 1),
    "training_job_at_end": training,
}
json.dump(result, open("bench/results/load.json", "w"), indent=2)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
section = f"""## Load

Run {result['date']} with `bench/load.sh`: {duration} s of mixed traffic from wrk on loopback (8 connections; per 10
requests 6 forecasts of a cached DIRECT LSTM(32), 2 series reads, 1 ingest of 24 points (an upsert), 1 points read)
against the real jar (H2, `-Xmx1g`, one OpenMP thread{(", " + sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] else ""}) while an LSTM training job runs on the same 2 cores
({cpu}).

| requests/s | p50 | p99 | errors (non-2xx and socket) | heap, first / last 10 s | RSS, first / last 10 s | training job at the end |
|---|---|---|---|---|---|---|
| {result['requests_per_second']:,.0f} | {result['p50_ms']} ms | {result['p99_ms']} ms | {result['errors']} | {result['heap_mib_first_10s']} / {result['heap_mib_last_10s']} MiB | {result['rss_mib_first_10s']} / {result['rss_mib_last_10s']} MiB | {training} |
"""
text = open("bench/RESULTS.md").read()
start = text.find("## Load\n")
if start >= 0:
    end = text.find("\n## ", start + 5)
    text = text[:start] + section + (text[end + 1:] if end >= 0 else "")
else:
    text = text.rstrip("\n") + "\n\n" + section
open("bench/RESULTS.md", "w").write(text)
print(json.dumps(result))
PY
