#!/usr/bin/env bash
# Copy benchmark: rehome's engines against pg_dump|pg_restore, pgcopydb and the physical floor, side by side, in
# one run, and the issue-13 targets checked against the medians.
#
#   bench/copy-bench.sh [--size-mb N] [--runs R] [--small-tables N] [--downtime-mb "0 300"] [--keep]
#   REHOME_BEFORE_JAR=/path/old/rehome-fleet.jar bench/copy-bench.sh ...   # also times an older build
#
# Starts two throwaway PostgreSQL clusters (the machine's own server binaries, identical settings), generates a
# deterministic dataset in the source (narrow rows, wide rows with awkward values, TOASTed bytea, many small
# tables, a keyless table with duplicates), Pagila, a database of N small tables and an empty one, then times
# each tool R times, interleaved, with `sync; CHECKPOINT` before every run. Prints the median wall time, the
# ratio to the tuned stock baseline (pg_dump -Fc -Z0) and to pgcopydb, the tool's peak RSS, jdbc-direct's time
# split by phase, and the table of targets. rehome's JVM runs with a fixed small heap (-Xmx${REHOME_HEAP:-64m}):
# a copy or verification that buffered rows would fail there, so the run doubles as the bounded-memory check.
# Last, `rehome-basketball migrate --sandbox` runs once per --downtime-mb size (extra MiB in the sandbox's source)
# and its report's downtime estimate is set against the downtime it measured.
set -euo pipefail

SIZE_MB=300
RUNS=3
SMALL=2000
KEEP=0
DOWNTIME_MB="0 300"
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) SIZE_MB="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --small-tables) SMALL="$2"; shift 2 ;;
    --downtime-mb) DOWNTIME_MB="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="${REHOME_JAR:-$ROOT/app-fleet/target/rehome-fleet.jar}"
BASKETBALL_JAR="${REHOME_BASKETBALL_JAR:-$ROOT/app-basketball/target/rehome-basketball.jar}"
HEAP="${REHOME_HEAP:-64m}"
BEFORE_JAR="${REHOME_BEFORE_JAR:-}"
PAGILA="${PAGILA_DIR:-$ROOT/../shared/datasets/pagila}"
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

echo "== Pagila, ${SMALL} small tables, an empty database"
if [ -f "$PAGILA/pagila-schema.sql" ]; then
  psql -q -p $SRC_PORT -d postgres -c "CREATE DATABASE pagila"
  psql -q -p $SRC_PORT -d pagila -f "$PAGILA/pagila-schema.sql" >/dev/null 2>&1
  psql -q -p $SRC_PORT -d pagila -f "$PAGILA/pagila-data.sql" >/dev/null 2>&1
  psql -q -p $SRC_PORT -d pagila -c "VACUUM ANALYZE"
else
  echo "   no Pagila at $PAGILA (set PAGILA_DIR); its row is skipped"
fi
psql -q -p $SRC_PORT -d postgres -c "CREATE DATABASE smalls" -c "CREATE DATABASE empty"
psql -q -v ON_ERROR_STOP=1 -p $SRC_PORT -d smalls <<SQL
SET synchronous_commit = off;
DO \$\$ BEGIN FOR n IN 1..$SMALL LOOP
  EXECUTE format('CREATE TABLE s_%s (id serial PRIMARY KEY, v text)', n);
  EXECUTE format('INSERT INTO s_%s (v) SELECT md5(g::text) FROM generate_series(1, 50) g', n);
  IF n % 500 = 0 THEN COMMIT; END IF;
END LOOP; END \$\$;
VACUUM ANALYZE;
SQL

reset_target() {
  psql -q -p $DST_PORT -d postgres -c "DROP DATABASE IF EXISTS bench_copy WITH (FORCE)" \
       -c "CREATE DATABASE bench_copy TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" \
       -c "DROP DATABASE IF EXISTS pagila_copy WITH (FORCE)" -c "DROP DATABASE IF EXISTS smalls_copy WITH (FORCE)" \
       -c "DROP DATABASE IF EXISTS empty_copy WITH (FORCE)" >/dev/null
  sync
  psql -q -p $SRC_PORT -d postgres -c CHECKPOINT >/dev/null
  psql -q -p $DST_PORT -d postgres -c CHECKPOINT >/dev/null
}

# The physical floor: the schema through psql, then per table a binary COPY piped from one psql into another
# (2 at a time, as the 2-job tools), then post-data through psql. The data phase is timed on its own and, to stay
# a floor, moves only the tables over 1 MB (the small ones would mostly time psql's start-up); jdbc-direct's data
# phase, compared with it, moves every table.
cat >"$WORK/floor.sh" <<FLOOR
set -euo pipefail
pg_dump -p $SRC_PORT --section=pre-data bench | psql -q -v ON_ERROR_STOP=1 -p $DST_PORT -d bench_copy >/dev/null
start=\$(date +%s.%N)
psql -At -p $SRC_PORT -d bench -c "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'public' AND pg_table_size(format('%I.%I', schemaname, tablename)) > 1000000" \\
  | xargs -P2 -I{} bash -c 'set -o pipefail; psql -q -p $SRC_PORT -d bench -c "COPY {} TO STDOUT (FORMAT binary)" | psql -q -p $DST_PORT -d bench_copy -c "COPY {} FROM STDIN (FORMAT binary)" >/dev/null'
echo "\$(date +%s.%N) - \$start" | bc > "$WORK/phase.data"
psql -At -p $SRC_PORT -d bench -c "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'public' AND pg_table_size(format('%I.%I', schemaname, tablename)) <= 1000000" \
  | xargs -P2 -I{} bash -c 'set -o pipefail; psql -q -p $SRC_PORT -d bench -c "COPY {} TO STDOUT (FORMAT binary)" | psql -q -p $DST_PORT -d bench_copy -c "COPY {} FROM STDIN (FORMAT binary)" >/dev/null'
pg_dump -p $SRC_PORT --section=post-data bench | psql -q -v ON_ERROR_STOP=1 -p $DST_PORT -d bench_copy >/dev/null
FLOOR

# Only the jdbc-direct copies log their phases to stderr for the split below (bench/logback-bench.xml); every
# other rehome run starts as a user's does, logging to its file, so no row pays for parsing a logback XML.
export REHOME_LOG_DIR="$WORK/logs"
JAVA_OPTS="-Xmx$HEAP"
PHASE_LOG="-Dlogback.configurationFile=$ROOT/bench/logback-bench.xml"
rehome() { echo "java $JAVA_OPTS -jar $1 ${*:2} >/dev/null"; }
rehome_phases() { echo "java $JAVA_OPTS $PHASE_LOG -jar $1 ${*:2} >/dev/null"; }
url() { echo "postgresql://postgres@127.0.0.1:$1/$2"; }
declare -A TOOLS
ORDER=()
add() { ORDER+=("$1"); TOOLS["$1"]="$2"; }
add "pg_dump -Fc | pg_restore"        "pg_dump -p $SRC_PORT -Fc bench | pg_restore -p $DST_PORT -d bench_copy --exit-on-error"
add "pg_dump -Fc -Z0 | pg_restore"    "pg_dump -p $SRC_PORT -Fc -Z0 bench | pg_restore -p $DST_PORT -d bench_copy --exit-on-error"
add "pg_dump -Fd -Z0 -j2 + restore -j2" "rm -rf $WORK/dumpdir && pg_dump -p $SRC_PORT -Fd -Z0 -j2 -f $WORK/dumpdir bench && pg_restore -p $DST_PORT -j2 -d bench_copy --exit-on-error $WORK/dumpdir"
add "physical floor (binary COPY | psql)" "bash $WORK/floor.sh"
if command -v pgcopydb >/dev/null 2>&1; then
  add "pgcopydb clone ($(pgcopydb --version 2>&1 | grep -o 'version [0-9][0-9.-]*' | head -1))" \
      "rm -rf $WORK/pgcopydb && pgcopydb clone --dir $WORK/pgcopydb --table-jobs 2 --index-jobs 2 --source $(url $SRC_PORT bench) --target $(url $DST_PORT bench_copy) >$WORK/pgcopydb.log 2>&1"
fi
add "rehome dump-restore --jobs 1"    "$(rehome "$JAR" copy --engine dump-restore --jobs 1 --verify none --no-progress --source "$(url $SRC_PORT bench)" --target "$(url $DST_PORT bench_copy)")"
add "rehome dump-restore --jobs 2"    "$(rehome "$JAR" copy --engine dump-restore --jobs 2 --verify none --no-progress --source "$(url $SRC_PORT bench)" --target "$(url $DST_PORT bench_copy)")"
if [ -n "$BEFORE_JAR" ]; then
  add "rehome jdbc-direct --jobs 2 (before)" "$(rehome_phases "$BEFORE_JAR" copy --engine jdbc-direct --jobs 2 --verify none --no-progress --source "$(url $SRC_PORT bench)" --target "$(url $DST_PORT bench_copy)")"
  add "rehome verify --level full (before)" "$(rehome "$BEFORE_JAR" verify --level full --source "$(url $SRC_PORT bench)" --target "$(url $DST_PORT bench_copy)")"
fi
add "rehome jdbc-direct --jobs 2"     "$(rehome_phases "$JAR" copy --engine jdbc-direct --jobs 2 --verify none --no-progress --source "$(url $SRC_PORT bench)" --target "$(url $DST_PORT bench_copy)")"
add "rehome verify --level full"      "$(rehome "$JAR" verify --level full --source "$(url $SRC_PORT bench)" --target "$(url $DST_PORT bench_copy)")"
if [ -f "$PAGILA/pagila-schema.sql" ]; then
  [ -n "$BEFORE_JAR" ] && add "Pagila copy --verify full (before)" "$(rehome "$BEFORE_JAR" copy --engine jdbc-direct --verify full --no-progress --source "$(url $SRC_PORT pagila)" --target "$(url $DST_PORT pagila_copy)")"
  add "Pagila copy --verify full"     "$(rehome "$JAR" copy --engine jdbc-direct --verify full --no-progress --source "$(url $SRC_PORT pagila)" --target "$(url $DST_PORT pagila_copy)")"
fi
add "empty database copy"             "$(rehome "$JAR" copy --engine jdbc-direct --verify none --no-progress --source "$(url $SRC_PORT empty)" --target "$(url $DST_PORT empty_copy)")"
add "$SMALL small tables copy"        "$(rehome "$JAR" copy --engine jdbc-direct --verify none --no-progress --source "$(url $SRC_PORT smalls)" --target "$(url $DST_PORT smalls_copy)")"

# A verification runs on the copy the tool before it made, so it is not preceded by a reset.
needs_reset() { case "$1" in "rehome verify"*) return 1 ;; *) return 0 ;; esac; }
declare -A TIMES RSS CPU
for r in $(seq 1 "$RUNS"); do
  for name in "${ORDER[@]}"; do
    if needs_reset "$name"; then reset_target; fi
    rm -f "$WORK/phase.data"
    start=$(date +%s.%N)
    if ! "$TIME_BIN" -o "$WORK/time.out" -f "%M %U %S" bash -c "${TOOLS[$name]}" 2>"$WORK/err.out"; then
      echo "!! $name failed in run $r:"; { grep -v '^INFO' "$WORK/err.out" || true; } | tail -5; TIMES["$name"]+="fail "; continue
    fi
    end=$(date +%s.%N)
    TIMES["$name"]+="$(echo "$end - $start" | bc) "
    RSS["$name"]=$(tail -1 "$WORK/time.out" | cut -d' ' -f1)
    CPU["$name"]+="$(tail -1 "$WORK/time.out" | awk '{print $2 + $3}') "
    # jdbc-direct logs "phase NAME: N ms" per phase; the floor writes its data phase to phase.data
    { grep -o 'phase [^:]*: [0-9]* ms\|data copied in [0-9]* ms' "$WORK/err.out" || true; } \
      | sed 's/^data copied in \([0-9]*\) ms/phase schema and data (older builds): \1 ms/' | sed 's/^phase //; s/: /=/; s/ ms$//' \
      | while IFS='=' read -r ph ms; do echo "$ph=$ms"; done >"$WORK/phases.$r.$(echo "$name" | tr -c 'a-zA-Z0-9' _)"
    [ -f "$WORK/phase.data" ] && echo "data=$(echo "$(cat "$WORK/phase.data") * 1000 / 1" | bc)" >"$WORK/phases.$r.$(echo "$name" | tr -c 'a-zA-Z0-9' _)"
    printf '   run %d %-40s %7.2f s   (load %s)\n' "$r" "$name" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done

# The downtime estimate against the downtime: the sandbox's whole cutover (embedded servers, in-process API),
# with extra rows in its source; the report carries preflight's estimate and the measured quiesce-to-healthy time.
declare -A DOWN_EST DOWN_MEAS
for mb in $DOWNTIME_MB; do
  [ -f "$BASKETBALL_JAR" ] || break
  if java -Xmx"${REHOME_SANDBOX_HEAP:-256m}" -jar "$BASKETBALL_JAR" \
       migrate --sandbox --sandbox-size-mb "$mb" --report-json "$WORK/downtime.$mb.json" >/dev/null 2>"$WORK/downtime.$mb.err"; then
    DOWN_EST[$mb]=$(grep -o '"estimatedMillis" : [0-9]*' "$WORK/downtime.$mb.json" | grep -o '[0-9]*$')
    DOWN_MEAS[$mb]=$(grep -o '"measuredMillis" : [0-9]*' "$WORK/downtime.$mb.json" | grep -o '[0-9]*$')
    printf '   sandbox migrate, %5s MiB extra: downtime estimated %6s ms, measured %6s ms   (load %s)\n' "$mb" \
      "${DOWN_EST[$mb]:-?}" "${DOWN_MEAS[$mb]:-?}" "$(cut -d' ' -f1 /proc/loadavg)"
    grep -o 'downtime: about .*' "$WORK/downtime.$mb.err" | head -1 | sed 's/^/     preflight said: /'
  else
    echo "!! sandbox migrate with $mb MiB extra failed:"; tail -5 "$WORK/downtime.$mb.err"
  fi
done

set +e +o pipefail   # the summary copes with missing numbers itself
median() { tr ' ' '\n' | grep -v '^$' | grep -v fail | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else print a[int((NR+1)/2)]}'; }
med() { m=$(echo "${TIMES[$1]:-}" | median); [ "$m" = nan ] && echo nan || printf '%.2f' "$m"; }
# median of one phase (ms) of a tool over the runs
phase() { cat "$WORK"/phases.*."$(echo "$1" | tr -c 'a-zA-Z0-9' _)" 2>/dev/null | grep "^$2=" | cut -d= -f2 | tr '\n' ' ' | median; }
ratio() { if [ "$1" = nan ] || [ "$2" = nan ] || [ -z "$1" ] || [ -z "$2" ]; then echo "-"; else echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; fi; }
BASE=$(med "pg_dump -Fc -Z0 | pg_restore")
PGC=""; PGC_NAME=""
for name in "${ORDER[@]}"; do case "$name" in pgcopydb*) PGC=$(med "$name"); PGC_NAME="$name" ;; esac; done
echo
printf '%-42s %10s %12s %12s %12s %12s\n' "tool" "median s" "vs -Fc -Z0" "vs pgcopydb" "peak RSS MB" "tool CPU s"
for name in "${ORDER[@]}"; do
  m=$(med "$name")
  printf '%-42s %10s %11sx %11sx %12s %12s\n' "$name" "$m" "$(ratio "$m" "$BASE")" "$(ratio "$m" "$PGC")" \
    "$(( ${RSS[$name]:-0} / 1024 ))" "$(echo "${CPU[$name]:-}" | median)"
done
echo "(tool CPU: user+sys of the tool's own processes, not of the servers; wall times on a shared machine mostly"
echo " measure the neighbours, CPU does not)"

echo
echo "jdbc-direct --jobs 2, median ms per phase (index builds overlap the data phase; 'indexes' is the wait after it):"
for name in "rehome jdbc-direct --jobs 2 (before)" "rehome jdbc-direct --jobs 2"; do
  echo " $name"
  cat "$WORK"/phases.*."$(echo "$name" | tr -c 'a-zA-Z0-9' _)" 2>/dev/null | cut -d= -f1 | awk '!seen[$0]++' \
    | while read -r ph; do printf '   %-40s %8s ms\n' "$ph" "$(phase "$name" "$ph")"; done
done
FLOOR_DATA=$(phase "physical floor (binary COPY | psql)" data)
printf '   %-40s %8s ms\n' "(physical floor: data phase)" "$FLOOR_DATA"

J=$(med "rehome jdbc-direct --jobs 2"); JB=$(med "rehome jdbc-direct --jobs 2 (before)")
V=$(med "rehome verify --level full"); VB=$(med "rehome verify --level full (before)")
P=$(med "Pagila copy --verify full"); PB=$(med "Pagila copy --verify full (before)")
E=$(med "empty database copy"); S=$(med "$SMALL small tables copy")
JD=$(phase "rehome jdbc-direct --jobs 2" data)
DR1=$(med "rehome dump-restore --jobs 1"); DR2=$(med "rehome dump-restore --jobs 2")
BARE=$(med "pg_dump -Fc | pg_restore")
met() { if [ "$1" = "-" ] || [ -z "$1" ]; then echo "-"; elif [ "$(echo "$1 $2 $3" | awk '{print ($2=="<=" ? $1<=$3 : ($2==">=" ? $1>=$3 : $1<$3))}')" = 1 ]; then echo "yes"; else echo "NO"; fi; }
row() { printf '| %-62s | %-14s | %-14s | %-10s | %-4s |\n' "$1" "$2" "$3" "$4" "$5"; }
echo
echo "Issue 13 targets (medians of this run; 'before' = REHOME_BEFORE_JAR when given):"
row "what" "measured" "before" "target" "met"
row "jdbc-direct (2 jobs) / pgcopydb clone (2+2 jobs)" "$(ratio "$J" "$PGC")x" "$(ratio "$JB" "$PGC")x" "<= 0.8x" "$(met "$(ratio "$J" "$PGC")" "<=" 0.8)"
row "pg_dump -Fc | pg_restore / jdbc-direct (times faster)" "$(ratio "$BARE" "$J")x" "$(ratio "$BARE" "$JB")x" ">= 2x" "$(met "$(ratio "$BARE" "$J")" ">=" 2)"
row "jdbc-direct data phase / physical floor data phase" "$(ratio "$JD" "$FLOOR_DATA")x" "-" "<= 1.1x" "$(met "$(ratio "$JD" "$FLOOR_DATA")" "<=" 1.1)"
row "verify --level full / pgcopydb copy" "$(ratio "$V" "$PGC")x" "$(ratio "$VB" "$PGC")x" "<= 0.35x" "$(met "$(ratio "$V" "$PGC")" "<=" 0.35)"
row "Pagila copy --verify full, JVM start included (s)" "${P}" "${PB:--}" "< 2" "$(met "$P" "<" 2)"
row "dump-restore --jobs 1 / pg_dump -Fc -Z0 | pg_restore" "$(ratio "$DR1" "$BASE")x" "-" "<= 1.1x" "$(met "$(ratio "$DR1" "$BASE")" "<=" 1.1)"
row "dump-restore --jobs 2 / pg_dump -Fc -Z0 | pg_restore" "$(ratio "$DR2" "$BASE")x" "-" "<= 1.1x" "$(met "$(ratio "$DR2" "$BASE")" "<=" 1.1)"
PER=$( [ "$S" != nan ] && [ "$E" != nan ] && echo "scale=2; ($S - $E) * 1000 / $SMALL" | bc | sed 's/^\./0./' || echo "-")
row "$SMALL small tables: (copy - empty copy) per table (ms)" "$PER" "-" "<= 2" "$(met "$PER" "<=" 2)"
for mb in $DOWNTIME_MB; do
  DR=$(ratio "${DOWN_EST[$mb]:-}" "${DOWN_MEAS[$mb]:-}")
  row "downtime estimate / measured (sandbox cutover, +$mb MiB)" "${DR}x" "-" "0.5x - 2x" \
    "$( [ "$DR" = "-" ] && echo "-" || { [ "$(met "$DR" "<=" 2)" = yes ] && [ "$(met "$DR" ">=" 0.5)" = yes ] && echo yes || echo NO; })"
done
echo
echo "Runs: $RUNS, interleaved; dataset ${SIZE_MB} MB requested; ratios < 1 are faster than the baseline."
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other builds share the machine)."
