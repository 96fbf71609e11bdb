#!/usr/bin/env bash
# Launch modes (issue #20), back to back in one run on loopback: the same service, the same model (a cached LSTM(32),
# lookback 24, h = 24, default intervals) and the same requests (bench/forecast.lua, wrk with one connection),
# started three ways:
#   jar          java -jar target/tsforge-*.jar
#   run          ./mvnw spring-boot:run, as the README starts it (pom.xml sets optimizedLaunch false)
#   run-c1       ./mvnw spring-boot:run with -XX:TieredStopAtLevel=1, the flag the plugin's optimizedLaunch adds: the
#                control that shows the difference still exists. (-Dspring-boot.run.optimizedLaunch=true would not do:
#                a property only supplies a parameter's default, and pom.xml sets optimizedLaunch explicitly.)
# The service's settings go to the forked JVM through -Dspring-boot.run.arguments; the script checks each serving
# JVM's command line (the port and the flag) before measuring it. Per mode: warm-up, 15 wrk runs of 10 s (on a busy
# 2-core machine the C2 compiler needs about two minutes of this load before the CPU per request settles; each run's
# CPU per request and methods compiled, from jstat -compiler, are printed and kept in the jsonl), then
# wrk -t1 -c1 -d20s --latency, BENCH_REPEATS times (3); medians of p50, requests/s and the service's CPU time per
# request (its process group's CPU over the requests served: the figure least moved by other work on the machine). The model is trained once,
# under the jar, and the later starts reuse its H2 file database and model directory. Beside each measurement it
# records the CPU the rest of the machine used (from /proc/stat, less the service's and wrk's own) and the load.
# Writes bench/results/launch.jsonl and the "Launch modes (issue #20)" section at the end of bench/RESULTS.md.
# Every JVM it starts runs in its own session (setsid) and its process group is killed on exit.
# Needs wrk (apt-get install wrk). BENCH_MAVEN_FLAGS (default -o) goes to every ./mvnw call.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out=bench/results/launch.jsonl
: > "$out"
repeats=${BENCH_REPEATS:-3}
warmup=${BENCH_WARMUP_S:-10}
warmup_runs=${BENCH_WARMUP_RUNS:-15}
duration=${BENCH_DURATION_S:-20}
read -r -a mvn_flags <<< "${BENCH_MAVEN_FLAGS--o}"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

./mvnw "${mvn_flags[@]}" -q -B -DskipTests package
jar=$(ls target/tsforge-*.jar | head -n 1)
work=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
settings=(--server.port="$port"
  --spring.datasource.url="jdbc:h2:file:$work/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
  --tsforge.storage.model-dir="$work/models" --tsforge.training.fused-lstm=true)
export OMP_NUM_THREADS=1

pgid=
stop_service() {
  [ -n "$pgid" ] || return 0
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pgid" 2>/dev/null || true
  wait "$pgid" 2>/dev/null || true
  pgid=
}
trap 'stop_service; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# start_service MODE: starts the service in a new session (its pid is the process group) and waits for its health
start_service() {
  local mode=$1
  case $mode in
    jar) setsid java -jar "$jar" "${settings[@]}" < /dev/null > "$work/$mode.log" 2>&1 & ;;
    run) setsid ./mvnw "${mvn_flags[@]}" -B spring-boot:run -Dspring-boot.run.arguments="${settings[*]}" \
           < /dev/null > "$work/$mode.log" 2>&1 & ;;
    run-c1) setsid ./mvnw "${mvn_flags[@]}" -B spring-boot:run -Dspring-boot.run.arguments="${settings[*]}" \
           -Dspring-boot.run.jvmArguments=-XX:TieredStopAtLevel=1 < /dev/null > "$work/$mode.log" 2>&1 & ;;
  esac
  pgid=$!
  for _ in $(seq 1 50); do [ "$(ps -o pgid= -p "$pgid" | tr -d ' ')" = "$pgid" ] && break; sleep 0.1; done
  [ "$(ps -o pgid= -p "$pgid" | tr -d ' ')" = "$pgid" ] || { echo "$mode: not its own process group" >&2; exit 1; }
  for _ in $(seq 1 300); do
    curl -sf "$base/actuator/health" > /dev/null && return 0
    kill -0 "$pgid" 2>/dev/null || break
    sleep 1
  done
  echo "$mode: the service did not come up; the end of its log:" >&2
  tail -n 40 "$work/$mode.log" >&2
  exit 1
}

# serving_jvm: the pid of the JVM that serves the port, in the service's process group (under spring-boot:run the
# forked JVM, not Maven's)
serving_jvm() {
  local pid
  for pid in $(pgrep -g "$pgid"); do
    # one argument exactly --server.port=PORT (Maven's own JVM has it inside -Dspring-boot.run.arguments=...)
    if grep -qxz -- "--server.port=$port" "/proc/$pid/cmdline" 2>/dev/null; then echo "$pid"; return 0; fi
  done
  echo "no JVM with --server.port=$port in process group $pgid" >&2
  exit 1
}

train() {
  curl -sf -X POST "$base/api/v1/series" -H 'Content-Type: application/json' \
    -d '{"name": "bench", "frequency": "PT1H"}' > /dev/null
  awk 'BEGIN { srand(7); print "timestamp,value";
    for (i = 0; i < 400; i++) {
      printf "2024-01-%02dT%02d:00:00Z,%.4f\n", 1 + int(i / 24), i % 24, sin(2 * 3.14159265 * i / 25) + 0.3 * (rand() - 0.5) } }' \
    | curl -sf -X POST "$base/api/v1/series/1/points" -H 'Content-Type: text/csv' --data-binary @- > /dev/null
  curl -sf -X POST "$base/api/v1/series/1/trainings" -H 'Content-Type: application/json' \
    -d '{"architecture": "LSTM", "hiddenSizes": [32], "lookback": 24, "horizon": 24, "epochs": 3, "validationFraction": 0.3}' > /dev/null
  local status
  for _ in $(seq 1 300); do
    status=$(curl -sf "$base/api/v1/training-jobs/1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    [ "$status" = SUCCEEDED ] && break
    [ "$status" = FAILED ] && { echo "training failed" >&2; exit 1; }
    sleep 1
  done
  [ "$status" = SUCCEEDED ] || { echo "training did not finish" >&2; exit 1; }
  curl -sf -X POST "$base/api/v1/models/1/promote" > /dev/null
}

# measure MODE REPEAT JVM_PID [SECONDS]: one wrk run; CPU of the service's process group and of wrk are subtracted from the
# machine's busy time, so "othersCores" is what everything else on the machine used meanwhile
measure() {
  /usr/bin/python3 - "$1" "$2" "$3" "$pgid" "${4:-$duration}" "$base/api/v1/forecasts" >> "$out" <<'EOF'
import json, os, re, resource, subprocess, sys, time
mode, repeat, jvm, pgid, duration, url = sys.argv[1:7]
tick = os.sysconf("SC_CLK_TCK")
def machine():
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return f[0] + f[1] + f[2] + f[5] + f[6], f[7]    # user nice system irq softirq; steal
def group():
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[2] == pgid:
            total += int(fields[11]) + int(fields[12])
    return total
def compiled():    # methods the JIT has compiled so far
    try:
        return int(subprocess.run(["jstat", "-compiler", jvm], capture_output=True, text=True).stdout.split("\n")[1].split()[0])
    except (IndexError, ValueError):
        return None
load = float(open("/proc/loadavg").read().split()[0])
jit0 = compiled()
busy0, steal0, group0, t0 = *machine(), group(), time.time()
text = subprocess.run(["wrk", "-t1", "-c1", f"-d{duration}s", "--timeout", "10s", "--latency", "-s",
                       "bench/forecast.lua", url], capture_output=True, text=True, check=True).stdout
busy1, steal1, group1, t1 = *machine(), group(), time.time()
jit1 = compiled()
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
wrk_s = ru.ru_utime + ru.ru_stime
elapsed = t1 - t0
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
pct = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)$", text, re.M)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
service_s = (group1 - group0) / tick
requests = int(re.search(r"(\d+) requests in", text).group(1))
print(json.dumps({"what": "warmup" if repeat.startswith("w") else "wrk", "mode": mode, "repeat": repeat,
                  "requestsPerSecond": rps,
                  "serviceCpuMsPerRequest": round(service_s * 1000 / requests, 3),
                  "jitCompiled": None if jit0 is None or jit1 is None else jit1 - jit0,
                  "p50Ms": pct.get("50"), "p99Ms": pct.get("99"), "non2xx": int(errors.group(1)) if errors else 0,
                  "serviceCores": round(service_s / elapsed, 2), "wrkCores": round(wrk_s / elapsed, 2),
                  "othersCores": round(max(0.0, (busy1 - busy0) / tick - service_s - wrk_s) / elapsed, 2),
                  "stealCores": round((steal1 - steal0) / tick / elapsed, 2), "load1Before": load}))
EOF
  tail -n 1 "$out"
}

first=true
for mode in jar run run-c1; do
  start_service "$mode"
  jvm=$(serving_jvm)
  cmdline=$(tr '\0' ' ' < "/proc/$jvm/cmdline")
  case $cmdline in *-XX:TieredStopAtLevel=1*) c1=true ;; *) c1=false ;; esac
  [ "$c1" = "$([ "$mode" = run-c1 ] && echo true || echo false)" ] \
    || { echo "$mode: unexpected JVM flags: $cmdline" >&2; exit 1; }
  case $cmdline in *"$work/models"*) ;; *) echo "$mode: the JVM did not get the settings: $cmdline" >&2; exit 1 ;; esac
  /usr/bin/python3 -c 'import json,sys; print(json.dumps({"what": "jvm", "mode": sys.argv[1], "tieredStopAtLevel1": sys.argv[2] == "true",
    "commandLine": sys.argv[3].strip()}))' "$mode" "$c1" "$cmdline" >> "$out"
  echo "$mode: JVM $jvm in process group $pgid, TieredStopAtLevel=1: $c1"
  if $first; then train; first=false; fi
  for round in $(seq 1 "$warmup_runs"); do
    read -r cpu jit < <(measure "$mode" "w$round" "$jvm" "$warmup" \
      | /usr/bin/python3 -c 'import json,sys; r = json.load(sys.stdin); print(r["serviceCpuMsPerRequest"], r["jitCompiled"])')
    echo "$mode: warm-up $round, service CPU per request $cpu ms, $jit methods compiled"
  done
  for repeat in $(seq 1 "$repeats"); do measure "$mode" "$repeat" "$jvm"; done
  stop_service
done
sleep 5
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 - "$out" "$load_before" "$load_after" "$(getconf _NPROCESSORS_ONLN)" \
  "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)" "$(java -version 2>&1 | sed -n 2p)" "$duration" "$warmup" <<'EOF'
import datetime, json, re, statistics, sys
path, load_before, load_after, cores, cpu, java, duration, warmup = sys.argv[1:9]
rows = [json.loads(line) for line in open(path)]
modes = [("jar", "`java -jar target/tsforge-*.jar …`"),
         ("run", "`./mvnw spring-boot:run -Dspring-boot.run.arguments=\"…\"` (README; `optimizedLaunch` false)"),
         ("run-c1", "the same with `-Dspring-boot.run.jvmArguments=-XX:TieredStopAtLevel=1` (the old optimized launch)")]
flags = {r["mode"]: r["tieredStopAtLevel1"] for r in rows if r["what"] == "jvm"}
warmups = {m: sum(1 for r in rows if r["what"] == "warmup" and r["mode"] == m) for m in ("jar", "run", "run-c1")}
stats = {}
for mode, _ in modes:
    runs = [r for r in rows if r["what"] == "wrk" and r["mode"] == mode]
    stats[mode] = {"p50": statistics.median(r["p50Ms"] for r in runs),
                   "p99": statistics.median(r["p99Ms"] for r in runs),
                   "rps": statistics.median(r["requestsPerSecond"] for r in runs),
                   "cpu": statistics.median(r["serviceCpuMsPerRequest"] for r in runs),
                   "others": statistics.median(r["othersCores"] for r in runs),
                   "runs": runs}
jar = stats["jar"]
print(f"{'mode':8} {'p50 ms':>8} {'req/s':>8} {'p99 ms':>8} {'CPU ms/req':>11} {'p50/jar':>8} {'req/s/jar':>10} "
      f"{'CPU/jar':>8} {'others (cores)':>15}")
for mode, _ in modes:
    s = stats[mode]
    print(f"{mode:8} {s['p50']:8.2f} {s['rps']:8.0f} {s['p99']:8.2f} {s['cpu']:11.2f} {s['p50'] / jar['p50']:8.2f} "
          f"{s['rps'] / jar['rps']:10.2f} {s['cpu'] / jar['cpu']:8.2f} {s['others']:15.2f}")
others = [r["othersCores"] for s in stats.values() for r in s["runs"]]
steal = [r["stealCores"] for s in stats.values() for r in s["runs"]]
shared = max(others) >= 0.25 or float(load_before.split()[0]) >= 1.0
errors = sum(r["non2xx"] for s in stats.values() for r in s["runs"])
lines = ["## Launch modes (issue #20)", "",
         f"`bench/launch.sh`, {datetime.date.today().isoformat()}: the same service and model (LSTM(32), lookback 24, "
         f"h = 24, default intervals; `bench/forecast.lua`) started three ways, back to back in one run, each warmed "
         f"up with {warmups['jar']} wrk runs of {warmup} s (the CPU per request settles after about two minutes "
         f"on a busy machine) and then measured with `wrk -t1 -c1 -d{duration}s --latency` {len(jar['runs'])} times; "
         "medians of the repeats, ratios to the jar within this run. Service CPU per request is the CPU time of the "
         "service's processes (under `spring-boot:run` Maven's JVM too, idle while serving) over the requests served, "
         "JIT compilation included: unlike latency it does not grow when other work takes the cores. The script checks the serving JVM's command "
         "line: only the control carries `-XX:TieredStopAtLevel=1`, and under `spring-boot:run` the forked JVM got "
         "the port, database and model directory passed through `-Dspring-boot.run.arguments`.", "",
         "| start | TieredStopAtLevel=1 | p50 (ms) | requests/s | p99 (ms) | service CPU per request (ms) | p50 vs jar | requests/s vs jar | CPU per request vs jar | p50 of each repeat (ms) | requests/s of each repeat | CPU per request, each repeat (ms) |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|"]
for mode, label in modes:
    s = stats[mode]
    lines.append(f"| {label} | {'yes' if flags.get(mode) else 'no'} | {s['p50']:.2f} | {s['rps']:.0f} | {s['p99']:.2f} | "
                 f"{s['cpu']:.2f} | {s['p50'] / jar['p50']:.2f}× | {s['rps'] / jar['rps']:.2f}× | {s['cpu'] / jar['cpu']:.2f}× | "
                 + ", ".join(f"{r['p50Ms']:.2f}" for r in s["runs"]) + " | "
                 + ", ".join(f"{r['requestsPerSecond']:.0f}" for r in s["runs"]) + " | "
                 + ", ".join(f"{r['serviceCpuMsPerRequest']:.2f}" for r in s["runs"]) + " |")
lines += ["", f"Machine: {cores} cores ({cpu}), {java}; one OpenMP thread. Load average (1, 5, 15 min) "
          f"{load_before} before the run and {load_after} after it. During the measurements the rest of the machine "
          f"used {min(others):.2f}–{max(others):.2f} cores (from `/proc/stat`, less the service's and wrk's own CPU; "
          f"steal {min(steal):.2f}–{max(steal):.2f})"
          + (": **the machine was shared** with other work, so latency and requests/s depend on the share of the "
             "cores the service got (slower and noisier than on an idle machine); CPU per request is "
             "the steadier comparison." if shared else ": the machine was otherwise idle.")
          + (f" Non-2xx responses: {errors}." if errors else " No request failed.")]
text = open("bench/RESULTS.md").read()
section = "\n".join(lines) + "\n"
match = re.search(r"^## Launch modes \(issue #20\)\n.*?(?=^## |\Z)", text, re.S | re.M)
if match:    # an earlier run's section: replace it, the rest of the file as it was
    text = text[:match.start()] + text[match.end():]
open("bench/RESULTS.md", "w").write(text.rstrip("\n") + "\n\n" + section)
EOF
