#!/usr/bin/env bash
# Submits the Spark screening job to a real standalone Spark cluster on loopback and compares its output with
# `twitch-triage screen`'s on the same generated population, then the Spark replay of the screening's audit log with
# `twitch-triage replay`'s report (JSON and HTML), then stops the cluster:
#
#   triage-spark/run-cluster.sh                      2,000 patients (PATIENTS=5000 for more)
#
# The cluster is Spark's own master and worker (org.apache.spark.deploy.master.Master, ...deploy.worker.Worker), run
# from a Spark "installation" made of Maven's artifacts (cluster/pom.xml copied into target/spark-home/jars): no Spark
# distribution is needed. The job goes in with Spark's own SparkSubmit, as on any cluster: the job jar, its
# dependencies with --jars (target/lib; Spark's jars are not among them), client deploy mode. The worker starts one
# executor JVM with WORKER_CORES cores (default 2) and EXECUTOR_MEMORY (default 1g); the executor loads the knowledge
# base once per job (the triage-rules kjar in --jars). Exit code 0 when all outputs are identical.
#
# Build first (the reactor; nothing is installed into ~/.m2):
#   mvn -B -q -pl triage-spark,triage-examples -am package -DskipTests
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PATIENTS="${PATIENTS:-2000}"
DATE="2026-01-05"
PORT="${PORT:-7077}"
WORKER_CORES="${WORKER_CORES:-2}"
EXECUTOR_MEMORY="${EXECUTOR_MEMORY:-1g}"
CLI="$ROOT/triage-examples/target/twitch-triage.jar"
JAR="$(ls "$HERE"/target/triage-spark-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1 || true)"
WORK="${WORK:-$(mktemp -d -t twitch-spark-cluster.XXXXXX)}"
export SPARK_HOME="$HERE/target/spark-home"
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_DIRS="$WORK/spark-local"

if [[ -z "$JAR" || ! -d "$HERE/target/lib" || ! -f "$CLI" ]]; then
    echo "error: build first: mvn -B -q -pl triage-spark,triage-examples -am package -DskipTests" >&2
    exit 2
fi
if [[ ! -d "$SPARK_HOME/jars" ]]; then
    mvn -B -q -o -f "$HERE/cluster/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$SPARK_HOME/jars"
fi
mkdir -p "$SPARK_HOME/conf" "$WORK/spark-local" "$WORK/worker"
cp "$HERE/conf/logback.xml" "$SPARK_HOME/conf/logback.xml"
OPTS="$(sed -n 's#.*<spark.java.options>\(.*\)</spark.java.options>.*#\1#p' "$HERE/pom.xml")"
# shellcheck disable=SC2206
JAVA=(java $OPTS -Dlogback.configurationFile="$SPARK_HOME/conf/logback.xml" -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*")

pids=()
stop() {
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${pids[@]}"; do
        wait "$p" 2>/dev/null || true
    done
}
trap stop EXIT

echo "== standalone master on spark://127.0.0.1:$PORT, one worker ($WORKER_CORES cores); logs in $WORK"
"${JAVA[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
    > "$WORK/master.log" 2>&1 &
pids+=($!)
"${JAVA[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$WORKER_CORES" \
    --memory "$EXECUTOR_MEMORY" --webui-port 0 --work-dir "$WORK/worker" "spark://127.0.0.1:$PORT" \
    > "$WORK/worker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
    grep -q "Successfully registered with master" "$WORK/worker.log" 2>/dev/null && break
    sleep 1
done
grep -q "Successfully registered with master" "$WORK/worker.log" || { echo "error: the worker did not register" >&2; exit 1; }

echo "== $PATIENTS generated patients; screen (one machine) and the Spark job (cluster) on the same export"
java -jar "$CLI" generate "$WORK/pop" --patients "$PATIENTS" --seed 1 --bad-rate 0.02 --date "$DATE" > /dev/null
head -c 48 /dev/urandom | base64 > "$WORK/audit.key"
java -jar "$CLI" screen "$WORK/pop" --out "$WORK/screened" --date "$DATE" --progress none \
    --audit-log "$WORK/audit.jsonl" --audit-key-file "$WORK/audit.key" --capture-input > "$WORK/screen.json"

jars="$(ls "$HERE"/target/lib/*.jar | paste -sd, -)"
start=$(date +%s)
"${JAVA[@]}" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$PORT" --deploy-mode client \
    --class org.twitchtriage.spark.SparkScreen --jars "$jars" \
    --executor-memory "$EXECUTOR_MEMORY" --total-executor-cores "$WORKER_CORES" \
    --conf spark.ui.enabled=false \
    "$JAR" --input "$WORK/pop" --output "$WORK/sparked" --date "$DATE" > "$WORK/spark.json" 2> "$WORK/submit.log"
echo "job: $(( $(date +%s) - start )) s on the cluster"

echo "== replay of the screening's audit log: twitch-triage replay (one machine) and the Spark job (cluster)"
java -jar "$CLI" replay "$WORK/audit.jsonl" --audit-key-file "$WORK/audit.key" --html "$WORK/replayed.html" \
    > "$WORK/replayed.json" || echo "replay exit code $? (3: a decision would differ)"
start=$(date +%s)
"${JAVA[@]}" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$PORT" --deploy-mode client \
    --class org.twitchtriage.spark.SparkReplayCommand --jars "$jars" \
    --executor-memory "$EXECUTOR_MEMORY" --total-executor-cores "$WORKER_CORES" \
    --conf spark.ui.enabled=false \
    "$JAR" "$WORK/audit.jsonl" --audit-key-file "$WORK/audit.key" --html "$WORK/spark-replayed.html" \
    > "$WORK/spark-replayed.json" 2> "$WORK/submit-replay.log" || echo "spark replay exit code $?"
echo "replay job: $(( $(date +%s) - start )) s on the cluster"

status=0
compare() {
    if cmp -s <(cat "$WORK/sparked/$2"/part-* 2>/dev/null) "$WORK/screened/$1"; then
        echo "same $1: $(wc -l < "$WORK/screened/$1") lines, byte for byte"
    else
        echo "DIFFERENT $1 (cluster: $WORK/sparked/$2, screen: $WORK/screened/$1)"
        status=1
    fi
}
compare decisions.ndjson decisions
compare errors.ndjson errors
if cmp -s "$WORK/sparked/summary.json" "$WORK/screened/summary.json"; then
    echo "same summary.json"
else
    echo "DIFFERENT summary.json"
    status=1
fi
for f in replayed.json replayed.html; do
    if [[ -s "$WORK/$f" ]] && cmp -s "$WORK/spark-$f" "$WORK/$f"; then
        echo "same replay report $f"
    else
        echo "DIFFERENT replay report $f (cluster: $WORK/spark-$f, replay: $WORK/$f)"
        status=1
    fi
done
executors="$(grep -c "Launching executor" "$WORK/master.log" || true)"
loads="$(cat "$WORK"/worker/app-*/*/stderr 2>/dev/null | grep -c "knowledge base loaded in this JVM" || true)"
echo "executors launched by the worker: $executors; knowledge base loads in their logs: $loads (one per executor)"
if [[ "$executors" -lt 1 || "$loads" != "$executors" ]]; then
    status=1
fi
exit $status
