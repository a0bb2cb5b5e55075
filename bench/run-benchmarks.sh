#!/usr/bin/env bash
# Measures the engine and the command line, and prints Markdown tables ready for docs/benchmarks.md. Run it from
# anywhere; it works in the repository root. Takes about 7 minutes with the defaults.
#
#   bench/run-benchmarks.sh              build if the jars are missing, then measure everything
#   BUILD=always bench/run-benchmarks.sh rebuild first (after changing code or rules)
#   JMH_OPTS="-f 1 -wi 2 -w 1s -i 2 -r 1s" bench/run-benchmarks.sh   quicker, rougher JMH settings
#   JMH_INCLUDE='TriageThroughputBenchmark.typical1Thread' bench/run-benchmarks.sh   a subset (regular expression)
#   STARTUP_RUNS=9 bench/run-benchmarks.sh                            more cold starts
#   SKIP_JMH=1 / SKIP_STARTUP=1                                        one half only
#
# What it measures (docs/benchmarks.md explains each figure):
#   1. JMH, with -prof gc (bytes allocated per decision): the empty-knowledge-base floor and raw Drools on this
#      knowledge base (RawDroolsBenchmark), TriageEngine.evaluate on a typical and a red-flag case on 1 and 2 threads
#      (TriageThroughputBenchmark), and both with a new session per decision (the handling before session reuse).
#      Default settings: 2 forks x (6 warm-up iterations of 1 s + 5 measured iterations of 1 s) per benchmark, nine
#      benchmarks: about 4.5 minutes. Two forks, because a single JVM can settle on a lucky or unlucky JIT layout.
#   2. Start-up, each in fresh JVMs, median of STARTUP_RUNS: FirstDecision (JVM start to engine ready and to first
#      decision, and TriageEngine.create() in a warm JVM), and the command line `evaluate` on a bundled case, wall
#      time, without and with the application class-data-sharing archive (made first if missing).
# Other processes on the same cores distort every figure: the load average is printed before and after; measure on
# an idle machine for figures worth publishing. Ratios between benchmarks of one run are the most robust figures.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAR="triage-benchmarks/target/triage-benchmarks.jar"
CP="$JAR:triage-benchmarks/target/lib/*"
CLI_JAR="triage-examples/target/twitch-triage.jar"
JMH_OPTS="${JMH_OPTS:--f 2 -wi 6 -w 1s -i 5 -r 1s}"
JMH_INCLUDE="${JMH_INCLUDE:-RawDroolsBenchmark|TriageThroughputBenchmark}"
STARTUP_RUNS="${STARTUP_RUNS:-5}"
CASE="${CASE:-triage-examples/cases/pregnant-calf.json}"
OUT="bench/results"

if [[ "${BUILD:-auto}" == always || ! -f "$JAR" || ! -d triage-benchmarks/target/lib || ! -f "$CLI_JAR" ]]; then
    # the reactor builds the modules the measurements need; nothing is installed into the local repository
    echo "== building: mvn -B -q -pl triage-benchmarks,triage-examples -am package -DskipTests"
    mvn -B -q -pl triage-benchmarks,triage-examples -am package -DskipTests
fi
if ! unzip -l "$JAR" META-INF/BenchmarkList > /dev/null 2>&1; then  # no grep -q: under pipefail its early exit fails unzip
    echo "error: $JAR has no META-INF/BenchmarkList: the JMH annotation processor did not run" >&2
    exit 1
fi

mkdir -p "$OUT"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== machine"
echo "nproc: $(nproc)"
echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "os: $( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -sr)"
java -version 2>&1 | sed 's/^/java: /'
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
echo "load average before (1, 5, 15 min): $(load)"

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
now_ms() { date +%s%3N; }

if [[ -z "${SKIP_JMH:-}" ]]; then
    echo
    echo "== throughput: java -cp \"$CP\" org.openjdk.jmh.Main '$JMH_INCLUDE' $JMH_OPTS -prof gc"
    jmh_load_before="$(load)"
    # shellcheck disable=SC2086 # JMH_OPTS is a list of options
    java -cp "$CP" org.openjdk.jmh.Main "$JMH_INCLUDE" $JMH_OPTS -prof gc -rf json -rff "$OUT/jmh-result.json" \
        > "$OUT/jmh-output.txt"
    grep -E '^(Benchmark|RawDrools|TriageThroughput)' "$OUT/jmh-output.txt" | grep -v -E ':gc\.(count|time)' || true
    echo
    echo "### Throughput (JMH $JMH_OPTS -prof gc; load average before: $jmh_load_before, after: $(load))"
    echo
    java -cp "$CP" org.twitchtriage.benchmarks.BenchmarkReport "$OUT/jmh-result.json"
fi

if [[ -z "${SKIP_STARTUP:-}" ]]; then
    echo
    echo "== start-up: $STARTUP_RUNS fresh JVMs each"
    startup_load_before="$(load)"
    ready=(); first=(); warm=(); classes=(); readkb=()
    for i in $(seq 1 "$STARTUP_RUNS"); do
        line="$(java -cp "$CP" org.twitchtriage.benchmarks.FirstDecision | tail -n 1)"
        echo "FirstDecision run $i: $line"
        ready+=("$(sed -n 's/.*engine-ready-ms=\([0-9.]*\).*/\1/p' <<<"$line")")
        first+=("$(sed -n 's/.*first-decision-ms=\([0-9.]*\).*/\1/p' <<<"$line")")
        warm+=("$(sed -n 's/.*warm-create-ms=\([0-9.]*\).*/\1/p' <<<"$line")")
        classes+=("$(sed -n 's/.*classes=\([0-9]*\).*/\1/p' <<<"$line")")
        readkb+=("$(sed -n 's/.*read-kb=\([0-9-]*\).*/\1/p' <<<"$line")")
    done

    # the command line as a user runs it, end to end: JVM start, reading the case, deciding, printing, exit
    cli_runs() {
        local -n into=$1
        shift
        for i in $(seq 1 "$STARTUP_RUNS"); do
            local t0 t1
            t0="$(now_ms)"
            "$@" evaluate "$CASE" > /dev/null
            t1="$(now_ms)"
            into+=("$((t1 - t0))")
        done
    }
    plain=(); shared=()
    cli_runs plain java -XX:TieredStopAtLevel=1 -jar "$CLI_JAR"
    archive="triage-examples/target/twitch-triage.jsa"
    if [[ ! -f "$archive" || "$CLI_JAR" -nt "$archive" ]]; then
        echo "(making the class-data-sharing archive $archive with one training run)"
        java -XX:ArchiveClassesAtExit="$archive" -XX:TieredStopAtLevel=1 -jar "$CLI_JAR" evaluate "$CASE" \
            > /dev/null 2>&1
    fi
    # -Xshare:on: a run that cannot map the archive fails instead of silently measuring without it
    cli_runs shared java -XX:SharedArchiveFile="$archive" -Xshare:on -XX:TieredStopAtLevel=1 -jar "$CLI_JAR"
    # many decisions per process: every bundled case in one JVM
    ncases="$(find triage-examples/cases -maxdepth 1 -name '*.json' | wc -l)"
    batch=()
    for i in $(seq 1 "$STARTUP_RUNS"); do
        t0="$(now_ms)"
        java -XX:SharedArchiveFile="$archive" -Xshare:on -XX:TieredStopAtLevel=1 -jar "$CLI_JAR" evaluate \
            triage-examples/cases > /dev/null || [[ $? -eq 2 ]]
        t1="$(now_ms)"
        batch+=("$((t1 - t0))")
    done
    echo
    echo "### Start-up (median of $STARTUP_RUNS fresh JVMs; load average before: $startup_load_before, after: $(load))"
    echo
    echo "| what | median | runs |"
    echo "|---|---|---|"
    echo "| JVM start to \`TriageEngine.create()\` returned (FirstDecision) | $(median "${ready[@]}") ms | ${ready[*]} |"
    echo "| JVM start to first decision (FirstDecision) | $(median "${first[@]}") ms | ${first[*]} |"
    echo "| \`TriageEngine.create()\` in a warm JVM (median of 5 per run) | $(median "${warm[@]}") ms | ${warm[*]} |"
    echo "| classes loaded by the end of FirstDecision (does not depend on load) | $(median "${classes[@]}") | ${classes[*]} |"
    echo "| kilobytes read until the first decision (FirstDecision, rchar; does not depend on load) | $(median "${readkb[@]}") | ${readkb[*]} |"
    echo "| \`twitch-triage evaluate\` one case, wall time, no archive | $(median "${plain[@]}") ms | ${plain[*]} |"
    echo "| \`twitch-triage evaluate\` one case, wall time, with the CDS archive | $(median "${shared[@]}") ms | ${shared[*]} |"
    echo "| \`twitch-triage evaluate triage-examples/cases\` ($ncases cases in one JVM), wall time, with the archive | $(median "${batch[@]}") ms | ${batch[*]} |"
fi
echo
echo "load average after (1, 5, 15 min): $(load)"
