#!/usr/bin/env bash
# Copy benchmark: rehome's engines against pg_dump|pg_restore and pgcopydb, side by side, in one run.
#
#   bench/copy-bench.sh [--size-mb N] [--runs R] [--keep]
#
# Starts two throwaway PostgreSQL clusters (the machine's own server binaries, identical settings), generates a
# deterministic dataset in the source (narrow rows, wide rows with awkward values, TOASTed bytea, many small
# tables, a keyless table with duplicates), then times each tool R times, interleaved, with `sync; CHECKPOINT`
# before every run. Prints the median wall time, the ratio to the tuned stock baseline (pg_dump -Fc -Z0) and to
# pgcopydb, and the tool's peak RSS. rehome's JVM runs with a fixed small heap (-Xmx${REHOME_HEAP:-128m}): a copy
# that buffered rows would fail there, so the run doubles as the bounded-memory check.
set -euo pipefail

SIZE_MB=300
RUNS=3
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) SIZE_MB="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/app-fleet/target/rehome-fleet.jar"
HEAP="${REHOME_HEAP:-128m}"
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries found (set PGBIN or apt-get install postgresql)" >&2; exit 2; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
command -v pgcopydb >/dev/null 2>&1 || { apt-get install -y -qq pgcopydb >/dev/null 2>&1 || true; }
TIME_BIN=/usr/bin/time
[ -x "$TIME_BIN" ] || { apt-get install -y -qq time >/dev/null 2>&1 || true; }

WORK="$(mktemp -d /tmp/rehome-bench.XXXXXX)"
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$WORK"; RUN_AS=(runuser -u postgres --); fi
SRC_PORT=55432; DST_PORT=55433
cleanup() {
  for c in src dst; do "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/$c" -m immediate stop >/dev/null 2>&1 || true; done
  [ "$KEEP" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

for c in src dst; do
  "${RUN_AS[@]}" "$PGBIN/initdb" -D "$WORK/$c" -U postgres -A trust --locale=C -E UTF8 >/dev/null
  cat >>"$WORK/$c/postgresql.conf" <<CONF
shared_buffers = 256MB
max_wal_size = 8GB
checkpoint_timeout = 30min
max_connections = 50
unix_socket_directories = '$WORK'
CONF
done
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/src" -o "-p $SRC_PORT" -l "$WORK/src.log" -w start >/dev/null
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/dst" -o "-p $DST_PORT" -l "$WORK/dst.log" -w start >/dev/null
export PGHOST=127.0.0.1 PGUSER=postgres PGOPTIONS="-c client_min_messages=warning"
SRC="postgresql://postgres@127.0.0.1:$SRC_PORT/bench"
DST="postgresql://postgres@127.0.0.1:$DST_PORT/bench_copy"

echo "== generating about ${SIZE_MB} MB in the source"
NARROW=$(( SIZE_MB * 60 / 100 * 12000 ))   # ~83 bytes/row heap
WIDE=$(( SIZE_MB * 30 / 100 * 1400 ))      # ~700 bytes/row
BLOBS=$(( SIZE_MB * 10 / 100 * 10 ))       # 100 KB each
psql -q -p $SRC_PORT -d postgres -c "CREATE DATABASE bench"
psql -q -v ON_ERROR_STOP=1 -p $SRC_PORT -d bench <<SQL
SET synchronous_commit = off;
CREATE TABLE narrow (id bigint PRIMARY KEY, k int, name varchar(20), at timestamptz, amount numeric);
INSERT INTO narrow SELECT i, (i*7)%100000, 'name_'||left(md5(i::text),15), now()-i*'1s'::interval, (i%100000)/100.0
  FROM generate_series(1, $NARROW) i;
CREATE INDEX narrow_k ON narrow (k);
CREATE TABLE wide (id bigint PRIMARY KEY, a text, b text, c float8, d numeric, e bool, f timestamptz, g jsonb,
  h int[], u uuid, big text, t text);
INSERT INTO wide SELECT i, md5(i::text), CASE WHEN i%5=0 THEN NULL ELSE md5((i+1)::text) END,
  CASE i%97 WHEN 0 THEN 'NaN'::float8 WHEN 1 THEN 'Infinity' WHEN 2 THEN '-0' ELSE i/3.0 END, i*1.5, i%2=0,
  CASE WHEN i%1000=0 THEN 'infinity'::timestamptz ELSE now()-i*'1min'::interval END,
  jsonb_build_object('id', i, 'tag', md5(i::text)), ARRAY[i, i+1, i+2], md5(i::text)::uuid,
  repeat(md5(i::text), 8), E'tab\there\nnewline \\\\ back ünïcödé '||i
  FROM generate_series(1, $WIDE) i;
CREATE TABLE blobs (id int PRIMARY KEY, data bytea);
INSERT INTO blobs SELECT i, decode(string_agg(md5(i||'-'||g), ''), 'hex')
  FROM generate_series(1, $BLOBS) i, generate_series(1, 6400) g GROUP BY i;
CREATE TABLE keyless (a int, b text);
INSERT INTO keyless SELECT i%1000, 'dup' FROM generate_series(1, 20000) i;
DO \$\$ BEGIN FOR n IN 1..200 LOOP
  EXECUTE format('CREATE TABLE small_%s (id serial PRIMARY KEY, v text)', n);
  EXECUTE format('INSERT INTO small_%s (v) SELECT md5(g::text) FROM generate_series(1, 50) g', n);
END LOOP; END \$\$;
VACUUM ANALYZE;
SQL
psql -At -p $SRC_PORT -d bench -c "SELECT 'source size: '||pg_size_pretty(pg_database_size('bench'))"

reset_target() {
  psql -q -p $DST_PORT -d postgres -c "DROP DATABASE IF EXISTS bench_copy" \
       -c "CREATE DATABASE bench_copy TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
  sync
  psql -q -p $SRC_PORT -d postgres -c CHECKPOINT >/dev/null
  psql -q -p $DST_PORT -d postgres -c CHECKPOINT >/dev/null
}

declare -A TOOLS
ORDER=()
add() { ORDER+=("$1"); TOOLS["$1"]="$2"; }
add "pg_dump -Fc | pg_restore"        "pg_dump -p $SRC_PORT -Fc bench | pg_restore -p $DST_PORT -d bench_copy --exit-on-error"
add "pg_dump -Fc -Z0 | pg_restore"    "pg_dump -p $SRC_PORT -Fc -Z0 bench | pg_restore -p $DST_PORT -d bench_copy --exit-on-error"
add "pg_dump -Fd -Z0 -j2 + restore -j2" "rm -rf $WORK/dumpdir && pg_dump -p $SRC_PORT -Fd -Z0 -j2 -f $WORK/dumpdir bench && pg_restore -p $DST_PORT -j2 -d bench_copy --exit-on-error $WORK/dumpdir"
if command -v pgcopydb >/dev/null 2>&1; then
  add "pgcopydb clone ($(pgcopydb --version 2>&1 | grep -o 'version [0-9][0-9.-]*' | head -1))" \
      "rm -rf $WORK/pgcopydb && pgcopydb clone --dir $WORK/pgcopydb --table-jobs 2 --index-jobs 2 --source postgres://postgres@127.0.0.1:$SRC_PORT/bench --target postgres://postgres@127.0.0.1:$DST_PORT/bench_copy >$WORK/pgcopydb.log 2>&1"
fi
add "rehome dump-restore"             "java -Xmx$HEAP -jar $JAR copy --engine dump-restore --verify none --source $SRC --target $DST >/dev/null"
add "rehome jdbc-direct --jobs 2"     "java -Xmx$HEAP -jar $JAR copy --engine jdbc-direct --jobs 2 --verify none --source $SRC --target $DST >/dev/null"

declare -A TIMES RSS
for r in $(seq 1 "$RUNS"); do
  for name in "${ORDER[@]}"; do
    reset_target
    start=$(date +%s.%N)
    if ! "$TIME_BIN" -o "$WORK/time.out" -f "%M" bash -c "${TOOLS[$name]}" 2>"$WORK/err.out"; then
      echo "!! $name failed in run $r:"; tail -5 "$WORK/err.out"; TIMES["$name"]+="fail "; continue
    fi
    end=$(date +%s.%N)
    TIMES["$name"]+="$(echo "$end - $start" | bc) "
    RSS["$name"]=$(tail -1 "$WORK/time.out")
    printf '   run %d %-36s %6.2f s\n' "$r" "$name" "$(echo "$end - $start" | bc)"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | grep -v fail | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else print a[int((NR+1)/2)]}'; }
BASE=$(echo "${TIMES["pg_dump -Fc -Z0 | pg_restore"]}" | median)
PGC=""
for name in "${ORDER[@]}"; do case "$name" in pgcopydb*) PGC=$(echo "${TIMES[$name]}" | median) ;; esac; done
echo
printf '%-36s %10s %14s %14s %12s\n' "tool" "median s" "vs -Fc -Z0" "vs pgcopydb" "peak RSS MB"
for name in "${ORDER[@]}"; do
  m=$(echo "${TIMES[$name]}" | median)
  r1=$( [ "$m" != nan ] && echo "scale=2; $m / $BASE" | bc || echo "-")
  r2=$( [ -n "$PGC" ] && [ "$m" != nan ] && echo "scale=2; $m / $PGC" | bc || echo "-")
  printf '%-36s %10.2f %13sx %13sx %12s\n' "$name" "$m" "$r1" "$r2" "$(( ${RSS[$name]:-0} / 1024 ))"
done
echo
echo "ratios < 1 are faster than the baseline. Runs: $RUNS, interleaved; dataset ${SIZE_MB} MB requested."
