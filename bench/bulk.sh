#!/usr/bin/env bash
# Long-format bulk upload (POST /api/v1/collections/{name}/points) over HTTP into the real jar, on H2 and on PostgreSQL:
# a collection of BULK_SERIES hourly series is first filled with BULK_EXISTING points (that upload is timed too: inserts
# into an empty table), then BULK_RUNS uploads of BULK_POINTS points each, 10 % of them replacing stored points (every
# series' first tenth of the upload overlaps what the previous upload stored), the rest new. Timestamps are written as
# pandas writes them (2024-01-01 00:00:00, no offset). Timed with curl from the first byte sent to the answer, which
# comes after the commit; points/s = points / that time. Default durability settings, the primary key kept.
# Prints each run and the median, then the database's own rate for the same sizes (bench/BulkCeiling.java: no HTTP,
# no parsing) and the service's share of it; appends JSON lines to bench/results/bulk.jsonl.
#   BULK_DB=h2|postgres|both (both)  BULK_SERIES (1000)  BULK_EXISTING (10000000)  BULK_POINTS (10000000)  BULK_RUNS (3)
#   BULK_HEAP (2g)  BULK_SKIP_BUILD=1 uses the jar in target/ as it is
#   PostgreSQL: BULK_PG_URL (jdbc:postgresql://127.0.0.1:5432/test), user postgres; a fresh schema, dropped at the end
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
series=${BULK_SERIES:-1000}
existing=${BULK_EXISTING:-10000000}
points=${BULK_POINTS:-10000000}
runs=${BULK_RUNS:-3}
databases=${BULK_DB:-both}
[ "$databases" = both ] && databases="h2 postgres"
pg_url=${BULK_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
[ "${BULK_SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -B -DskipTests package
jar=$(ls target/tsforge-*.jar | head -n 1)
work=$(mktemp -d)
# the JDBC drivers the jar carries, for bench/BulkCeiling.java
(cd "$work" && unzip -q -o "$OLDPWD/$jar" 'BOOT-INF/lib/h2-*.jar' 'BOOT-INF/lib/postgresql-*.jar')
drivers=$(ls "$work"/BOOT-INF/lib/*.jar | tr '\n' ':')
pid=
schema=
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
  [ -n "$schema" ] && psql -q -h 127.0.0.1 -U postgres -d "${pg_url##*/}" -c "DROP SCHEMA IF EXISTS $schema CASCADE" || true
  rm -rf "$work"
}
trap cleanup EXIT

# upload-<k>.csv: k = 0 fills the table, k = 1..runs are the timed uploads
/usr/bin/python3 - "$work" "$series" "$existing" "$points" "$runs" <<'PY'
import sys, datetime
work, series, existing, points, runs = sys.argv[1], *map(int, sys.argv[2:])
e, n = existing // series, points // series
u = n // 10
t0 = datetime.datetime(2020, 1, 1)
def write(k, start, count):
    stamps = [(t0 + datetime.timedelta(hours=start + i)).strftime("%Y-%m-%d %H:%M:%S") for i in range(count)]
    with open(f"{work}/upload-{k}.csv", "w") as out:
        out.write("unique_id,ds,y\n")
        for s in range(series):
            sid = f"item_{s}"
            out.write("".join(f"{sid},{t},{(s * 31 + i) % 1000 / 10}\n" for i, t in enumerate(stamps)))
write(0, 0, e)
for r in range(1, runs + 1):
    write(r, e - u + (r - 1) * (n - u), n)
PY
ls -l "$work"/*.csv | awk '{ printf "%s %d MB\n", $NF, $5 / 1e6 }'

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
for db in $databases; do
  if [ "$db" = postgres ]; then
    schema="bench_bulk_$$"
    args=(--spring.datasource.url="$pg_url?currentSchema=$schema" --spring.datasource.username=postgres
          --spring.flyway.schemas="$schema" --spring.flyway.default-schema="$schema" --jobrunr.database.table-prefix="$schema.")
  else
    args=(--spring.datasource.url="jdbc:h2:file:$work/h2/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0")
  fi
  OMP_NUM_THREADS=1 java -Xmx"${BULK_HEAP:-2g}" -jar "$jar" --server.port="$port" --tsforge.storage.model-dir="$work/models" \
    "${args[@]}" > "$work/service-$db.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "$base/actuator/health" > /dev/null && break; sleep 1; done
  curl -sf -X POST "$base/api/v1/collections" -H 'Content-Type: application/json' \
    -d '{"name": "bench", "frequency": "PT1H"}' > /dev/null
  rates=()
  for k in $(seq 0 "$runs"); do
    seconds=$(curl -sf -o "$work/answer.json" -w '%{time_total}' -X POST -T "$work/upload-$k.csv" \
      -H 'Content-Type: text/csv' "$base/api/v1/collections/bench/points") || { cat "$work/answer.json"; tail -50 "$work/service-$db.log"; exit 1; }
    answer=$(cat "$work/answer.json")
    rate=$(/usr/bin/python3 -c "import json,sys; a=json.loads(sys.argv[1]); print(round(a['received'] / float(sys.argv[2])))" "$answer" "$seconds")
    label=$([ "$k" = 0 ] && echo "fill (empty table)" || echo "run $k")
    echo "$db $label: $seconds s, $rate points/s; $answer"
    /usr/bin/python3 -c "import json,sys,datetime; a=json.loads(sys.argv[1]); print(json.dumps({'date': str(datetime.date.today()), 'db': sys.argv[2], 'upload': int(sys.argv[3]), 'seconds': float(sys.argv[4]), 'points_per_second': int(sys.argv[5]), 'series': int(sys.argv[6]), 'answer': a}))" \
      "$answer" "$db" "$k" "$seconds" "$rate" "$series" >> bench/results/bulk.jsonl
    [ "$k" = 0 ] || rates+=("$rate")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  echo "$db: median of $runs uploads of $points points (10 % updates) into a table of $existing or more: $median points/s"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  # the database on its own, same sizes, same machine, right after: what the service's rate is a share of
  if [ "$db" = postgres ]; then
    ceiling_url="$pg_url?currentSchema=$schema"
  else
    ceiling_url="jdbc:h2:file:$work/h2-ceiling/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
  fi
  java -Xmx"${BULK_HEAP:-2g}" -cp "$drivers" bench/BulkCeiling.java "$db" "$ceiling_url" "$series" "$existing" "$points" \
    "$runs" | tee "$work/ceiling-$db.txt"
  ceiling=$(awk '/ceiling median/ { print $3 }' "$work/ceiling-$db.txt")
  echo "$db: the service stored $(/usr/bin/python3 -c "print(round(100 * $median / $ceiling))") % of the database's own rate ($ceiling points/s)"
  /usr/bin/python3 -c "import json,sys,datetime; print(json.dumps({'date': str(datetime.date.today()), 'db': sys.argv[1], 'service_median': float(sys.argv[2]), 'ceiling_median': float(sys.argv[3]), 'series': int(sys.argv[4]), 'existing': int(sys.argv[5]), 'points': int(sys.argv[6])}))" \
    "$db" "$median" "$ceiling" "$series" "$existing" "$points" >> bench/results/bulk.jsonl
  [ "$db" = postgres ] && { psql -q -h 127.0.0.1 -U postgres -d "${pg_url##*/}" -c "DROP SCHEMA IF EXISTS $schema CASCADE"; schema=; }
done
