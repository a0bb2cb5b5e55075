#!/usr/bin/env bash
# Measures `twitch-triage screen` on synthetic Bulk exports: records per second on 1 and 2 worker threads, peak
# memory (max RSS from /usr/bin/time -v) under a fixed heap cap, and the ratio to the engine's own in-process
# throughput (the JMH benchmark TriageThroughputBenchmark, typical case) measured in the same run.
#
#   bench/screen-benchmarks.sh                       100k and 1M patients, 1 and 2 threads, heap cap 512m
#   SIZES="20000" THREADS="2" bench/screen-benchmarks.sh   one quick point
#   HEAP=256m bench/screen-benchmarks.sh              another heap cap (constant memory: it does not grow with SIZES)
#
# Needs GNU time (/usr/bin/time; Debian package "time"). Other processes on the same cores distort every figure:
# the load average is printed before and after each run. Results go to bench/results/screen-*.txt (ignored by git).
# The Spark job (triage-spark) is measured beside screen by bench/spark-benchmarks.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZES="${SIZES:-100000 1000000}"
THREADS="${THREADS:-1 2}"
HEAP="${HEAP:-512m}"
DATE="2026-01-05"
WORK="${WORK:-$(mktemp -d -t twitch-screen-bench.XXXXXX)}"
OUT="bench/results"
CLI="triage-examples/target/twitch-triage.jar"
BENCH="triage-benchmarks/target/triage-benchmarks.jar"

if [[ ! -x /usr/bin/time ]]; then
    echo "error: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time" >&2
    exit 1
fi
if [[ "${BUILD:-auto}" == always || ! -f "$CLI" || ! -f "$BENCH" ]]; then
    # the reactor builds what is needed; nothing is installed into the local repository
    mvn -B -q -pl triage-examples,triage-benchmarks -am package -DskipTests
fi
mkdir -p "$OUT"

echo "== machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), heap cap $HEAP"
echo "== engine in-process (JMH, typical case)"
java -cp "$BENCH:triage-benchmarks/target/lib/*" org.openjdk.jmh.Main 'TriageThroughputBenchmark.typical' \
    -f 1 -wi 3 -w 2s -i 3 -r 2s -rf json -rff "$OUT/screen-jmh.json" > "$OUT/screen-jmh.txt"
engine1="$(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if x["threads"]==1]; print(round(r[0]["primaryMetric"]["score"]))' "$OUT/screen-jmh.json")"
engine2="$(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if x["threads"]==2]; print(round(r[0]["primaryMetric"]["score"]) if r else 0)' "$OUT/screen-jmh.json")"
echo "engine: ${engine1}/s on 1 thread, ${engine2}/s on 2 threads"

printf '\n%-9s %-7s %-10s %-10s %-12s %-10s %-14s %s\n' patients threads records seconds records/s ratio maxRSS_MB load
for n in $SIZES; do
    pop="$WORK/pop-$n"
    [[ -d "$pop" ]] || java -jar "$CLI" generate "$pop" --patients "$n" --date "$DATE" --bad-rate 0.01 > /dev/null
    for t in $THREADS; do
        out="$WORK/out-$n-$t"
        rm -rf "$out"
        load="$(cut -d' ' -f1 /proc/loadavg)"
        start=$(date +%s.%N)
        /usr/bin/time -v java "-Xmx$HEAP" -jar "$CLI" screen "$pop" --out "$out" --date "$DATE" --threads "$t" \
            --progress none > "$out.summary.json" 2> "$out.time"
        end=$(date +%s.%N)
        records="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"])' "$out.summary.json")"
        rss_kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.time")"
        secs="$(python3 -c "print(round($end-$start,1))")"
        rate="$(python3 -c "print(round($records/($end-$start)))")"
        engine=$([[ "$t" == 1 ]] && echo "$engine1" || echo "$engine2")
        ratio="$(python3 -c "print(round($rate/$engine,3) if $engine else '?')")"
        printf '%-9s %-7s %-10s %-10s %-12s %-10s %-14s %s -> %s\n' "$n" "$t" "$records" "$secs" "$rate" \
            "$ratio" "$((rss_kb / 1024))" "$load" "$(cut -d' ' -f1 /proc/loadavg)"
    done
done | tee "$OUT/screen-results.txt"
echo "(records/s is wall-clock for the whole command: JVM start, engine load, the sort, deciding and writing)"
