#!/usr/bin/env bash
# Measures the Spark job (triage-spark, embedded local[N]) beside `twitch-triage screen --threads N` on the same
# synthetic Bulk exports: records per second on 1 and 2 cores, peak memory (max RSS from /usr/bin/time -v), the ratio
# to the engine's own in-process throughput (the JMH benchmark TriageThroughputBenchmark, typical case) measured in the
# same run, and whether the Spark output equals screen's byte for byte.
#
#   bench/spark-benchmarks.sh                                 100k and 1M patients, 1 and 2 cores
#   SIZES="5000" bench/spark-benchmarks.sh                    one quick size (proves the script, not the speed)
#   HEAP=512m SPARK_HEAP=1g bench/spark-benchmarks.sh         heap caps of screen and of the Spark JVM
#   JMH_JAVA_OPTS=-Djmh.ignoreLock=true ...                   when another JMH run holds /tmp/jmh.lock
#
# In local[N] the Spark driver and its executor threads share one JVM, so its max RSS is the whole job's; Spark
# refuses a heap under about 450 MB, hence its own cap. Needs GNU time (/usr/bin/time). Other processes on the same
# cores distort every figure: the load average is printed before and after each run. Results go to
# bench/results/spark-*.txt (ignored by git). The loopback standalone cluster is triage-spark/run-cluster.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZES="${SIZES:-100000 1000000}"
CORES="${CORES:-1 2}"
HEAP="${HEAP:-512m}"
SPARK_HEAP="${SPARK_HEAP:-1g}"
DATE="2026-01-05"
WORK="${WORK:-$(mktemp -d -t twitch-spark-bench.XXXXXX)}"
OUT="bench/results"
CLI="triage-examples/target/twitch-triage.jar"
BENCH="triage-benchmarks/target/triage-benchmarks.jar"
SPARK="triage-spark/spark-screen"

if [[ ! -x /usr/bin/time ]]; then
    echo "error: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time" >&2
    exit 1
fi
if [[ "${BUILD:-auto}" == always || ! -f "$CLI" || ! -f "$BENCH" || ! -d triage-spark/target/spark-lib ]]; then
    # the reactor builds what is needed; nothing is installed into the local repository
    mvn -B -q -pl triage-examples,triage-benchmarks,triage-spark -am package -DskipTests
fi
mkdir -p "$OUT"

echo "== machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), heap caps: screen $HEAP, Spark $SPARK_HEAP"
echo "== engine in-process (JMH, typical case)"
# shellcheck disable=SC2086
java ${JMH_JAVA_OPTS:-} -cp "$BENCH:triage-benchmarks/target/lib/*" org.openjdk.jmh.Main 'TriageThroughputBenchmark.typical' \
    -f 1 -wi 3 -w 2s -i 3 -r 2s -rf json -rff "$OUT/spark-jmh.json" > "$OUT/spark-jmh.txt"
engine1="$(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if x["threads"]==1]; print(round(r[0]["primaryMetric"]["score"]))' "$OUT/spark-jmh.json")"
engine2="$(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if x["threads"]==2]; print(round(r[0]["primaryMetric"]["score"]) if r else 0)' "$OUT/spark-jmh.json")"
echo "engine: ${engine1}/s on 1 thread, ${engine2}/s on 2 threads"

# $1 label, $2 output folder, $3 summary file, $4 time file, $5 cores, $6 start, $7 end, $8 load before, $9 same?
row() {
    local records rss_kb secs rate engine ratio
    records="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"])' "$3")"
    rss_kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$4")"
    secs="$(python3 -c "print(round($7-$6,1))")"
    rate="$(python3 -c "print(round($records/($7-$6)))")"
    engine=$([[ "$5" == 1 ]] && echo "$engine1" || echo "$engine2")
    ratio="$(python3 -c "print(round($rate/$engine,3) if $engine else '?')")"
    printf '%-9s %-14s %-6s %-10s %-9s %-10s %-7s %-9s %-10s %s -> %s\n' "$n" "$1" "$5" "$records" "$secs" "$rate" \
        "$ratio" "$((rss_kb / 1024))" "$9" "$8" "$(cut -d' ' -f1 /proc/loadavg)"
}

printf '\n%-9s %-14s %-6s %-10s %-9s %-10s %-7s %-9s %-10s %s\n' patients job cores records seconds records/s ratio \
    maxRSS_MB as_screen load
for n in $SIZES; do
    pop="$WORK/pop-$n"
    [[ -d "$pop" ]] || java -jar "$CLI" generate "$pop" --patients "$n" --date "$DATE" --bad-rate 0.01 > /dev/null
    for c in $CORES; do
        out="$WORK/screen-$n-$c"
        rm -rf "$out"
        load="$(cut -d' ' -f1 /proc/loadavg)"
        start=$(date +%s.%N)
        /usr/bin/time -v java "-Xmx$HEAP" -jar "$CLI" screen "$pop" --out "$out" --date "$DATE" --threads "$c" \
            --progress none > "$out.summary.json" 2> "$out.time"
        end=$(date +%s.%N)
        row screen "$out" "$out.summary.json" "$out.time" "$c" "$start" "$end" "$load" -

        sparked="$WORK/spark-$n-$c"
        rm -rf "$sparked"
        load="$(cut -d' ' -f1 /proc/loadavg)"
        start=$(date +%s.%N)
        JAVA_OPTS="-Xmx$SPARK_HEAP" /usr/bin/time -v "$SPARK" --input "$pop" --output "$sparked" --date "$DATE" \
            --master "local[$c]" > "$sparked.summary.json" 2> "$sparked.time"
        end=$(date +%s.%N)
        same=yes
        cmp -s <(cat "$sparked"/decisions/part-* 2>/dev/null) "$out/decisions.ndjson" || same=NO
        cmp -s <(cat "$sparked"/errors/part-* 2>/dev/null) "$out/errors.ndjson" || same=NO
        cmp -s "$sparked/summary.json" "$out/summary.json" || same=NO
        row "spark local[$c]" "$sparked" "$sparked.summary.json" "$sparked.time" "$c" "$start" "$end" "$load" "$same"
        rm -rf "$out" "$sparked"
    done
done | tee "$OUT/spark-results.txt"
echo "(records/s is wall-clock for the whole command: JVM start, engine load, grouping by patient, deciding, writing;"
echo " as_screen: the Spark job's decisions, errors and summary equal screen's byte for byte)"
