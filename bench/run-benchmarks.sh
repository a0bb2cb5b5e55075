#!/usr/bin/env bash
# Runs the throughput benchmark (JMH) and the cold-start measurement (FirstDecision) from the repository root.
#
#   bench/run-benchmarks.sh              build if the jar is missing, then measure
#   BUILD=always bench/run-benchmarks.sh rebuild first (after changing code or rules)
#   JMH_OPTS="-f 1 -wi 1 -w 1s -i 2 -r 1s" bench/run-benchmarks.sh   quicker, rougher JMH settings
#   STARTUP_RUNS=9 bench/run-benchmarks.sh                            more cold starts
#
# The defaults suit a 2-core machine: one fork, 5 warm-up and 5 measured iterations of 2 s per benchmark, four
# benchmarks (typical and red-flag case, 1 and 2 threads): a little over 2 minutes in all. Ten seconds of warm-up,
# not six: after six seconds the rule sessions were still being JIT-compiled and throughput was still rising several
# times over. The JMH results are also written as JSON to bench/results/jmh-result.json (ignored by git).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAR="triage-benchmarks/target/triage-benchmarks.jar"
CP="$JAR:triage-benchmarks/target/lib/*"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 5 -w 2s -i 5 -r 2s}"
STARTUP_RUNS="${STARTUP_RUNS:-5}"
OUT="bench/results"

if [[ "${BUILD:-auto}" == always || ! -f "$JAR" || ! -d triage-benchmarks/target/lib ]]; then
    # the reactor builds the modules the benchmarks need; nothing is installed into the local repository
    echo "== building: mvn -B -q -pl triage-benchmarks -am package -DskipTests"
    mvn -B -q -pl triage-benchmarks -am package -DskipTests
fi
if ! jar tf "$JAR" | grep -x 'META-INF/BenchmarkList' >/dev/null; then
    echo "error: $JAR has no META-INF/BenchmarkList: the JMH annotation processor did not run" >&2
    exit 1
fi

mkdir -p "$OUT"
echo "== machine"
echo "nproc: $(nproc)"
echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "os: $( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -sr)"
java -version 2>&1 | sed 's/^/java: /'
# other processes on the same cores distort every figure below: note how busy the machine was
echo "load average before (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== throughput: java -cp \"$CP\" org.openjdk.jmh.Main TriageThroughputBenchmark $JMH_OPTS"
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
java -cp "$CP" org.openjdk.jmh.Main TriageThroughputBenchmark $JMH_OPTS \
    -rf json -rff "$OUT/jmh-result.json"

echo
echo "== start-up: $STARTUP_RUNS cold starts of FirstDecision (ms from JVM start)"
first=()
readies=()
for i in $(seq 1 "$STARTUP_RUNS"); do
    line="$(java -cp "$CP" org.twitchtriage.benchmarks.FirstDecision | tail -n 1)"
    echo "run $i: $line"
    ms="$(sed -n 's/.*first-decision-ms=\([0-9]*\).*/\1/p' <<<"$line")"
    ready="$(sed -n 's/.*engine-ready-ms=\([0-9]*\).*/\1/p' <<<"$line")"
    if [[ -z "$ms" || -z "$ready" ]]; then
        echo "error: unexpected output from FirstDecision" >&2
        exit 1
    fi
    first+=("$ms")
    readies+=("$ready")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "median engine-ready-ms: $(median "${readies[@]}")"
echo "median first-decision-ms: $(median "${first[@]}")"
echo "load average after (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
