# Shared by the bench scripts that drive the real jar on loopback (source it after `cd` to the repository root):
# a free port, the jar started on its own H2 file database and model directory, jobs awaited, and the hourly series
# the serving benchmarks forecast. Each function says what it sets.

# free_port: prints a port nothing listens on now
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_jar JAR WORK HEAP [SETTING...]: starts the service on a free port with its database and models under WORK, one
# OpenMP thread, its log in WORK/service.log; sets `pid`, `port` and `base`, stops it (and removes WORK) on exit,
# and returns once it is healthy. JAVA_OPTS_EXTRA: more JVM options. BENCH_DB_URL: a JDBC URL to use instead of the
# H2 file (e.g. jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench, an existing empty schema: Flyway fills
# it), as the user BENCH_DB_USER (postgres).
start_jar() {
  local jar=$1 dir=$2 heap=$3
  shift 3
  port=$(free_port)
  base="http://127.0.0.1:$port"
  # shellcheck disable=SC2086  # JAVA_OPTS_EXTRA is a list of options
  OMP_NUM_THREADS=1 java -Xmx"$heap" ${JAVA_OPTS_EXTRA:-} -jar "$jar" --server.port="$port" \
    --spring.datasource.url="${BENCH_DB_URL:-jdbc:h2:file:$dir/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0}" \
    ${BENCH_DB_URL:+--spring.datasource.username="${BENCH_DB_USER:-postgres}"} \
    --tsforge.storage.model-dir="$dir/models" "$@" > "$dir/service.log" 2>&1 &
  pid=$!
  # shellcheck disable=SC2064  # the values now, not at exit
  trap "kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf '$dir'" EXIT
  for _ in $(seq 1 120); do
    curl -sf "$base/actuator/health" > /dev/null && return 0
    sleep 1
  done
  echo "the service did not become healthy; its log: $dir/service.log" >&2
  return 1
}

# job_status ID: the training job's status
job_status() {
  curl -sf "$base/api/v1/training-jobs/$1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'
}

# await_job ID [SECONDS]: waits until the training job succeeded; exits the script when it failed or took too long
await_job() {
  local status
  for _ in $(seq 1 "${2:-300}"); do
    status=$(job_status "$1")
    [ "$status" = SUCCEEDED ] && return 0
    [ "$status" = FAILED ] && { echo "training job $1 failed" >&2; exit 1; }
    sleep 1
  done
  echo "training job $1 did not finish (status $status)" >&2
  exit 1
}

# bench_series NAME: creates series 1, hourly, with the 400 points of a noisy 25-hour cycle (seeded) that the serving
# benchmarks forecast
bench_series() {
  curl -sf -X POST "$base/api/v1/series" -H 'Content-Type: application/json' \
    -d "{\"name\": \"$1\", \"frequency\": \"PT1H\"}" > /dev/null
  awk 'BEGIN { srand(7); print "timestamp,value";
    for (i = 0; i < 400; i++) {
      printf "2024-01-%02dT%02d:00:00Z,%.4f\n", 1 + int(i / 24), i % 24, sin(2 * 3.14159265 * i / 25) + 0.3 * (rand() - 0.5) } }' \
    | curl -sf -X POST "$base/api/v1/series/1/points" -H 'Content-Type: text/csv' --data-binary @- > /dev/null
}

# train SPEC_JSON: starts a training of series 1
train() {
  curl -sf -X POST "$base/api/v1/series/1/trainings" -H 'Content-Type: application/json' -d "$1" > /dev/null
}
