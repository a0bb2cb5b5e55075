#!/usr/bin/env bash
# Load scenario of the CDS Hooks service: wrk (Debian package `wrk`) against the service on this machine, a fresh
# signed token per request, the audit log on and fsync'd. Prints p50/p99 at a target rate and the saturation rate.
#
#   bench/cds-load.sh                       build if needed, then: 30 s at about 200 requests/s, 15 s flat out
#   RATE=400 DURATION=30 bench/cds-load.sh  another target rate
#   CASE=whole-body-increasing-paralysis bench/cds-load.sh   another request (triage-cds-hooks/config/demo-requests)
#   PROFILE=1 bench/cds-load.sh             record the service with Java Flight Recorder (bench/results/cds-load)
#
# The service runs with bench/cds-load/config.json (port 8095, demo issuer keys made in bench/results/cds-load/demo,
# audit log bench/results/cds-load/audit.jsonl with fsync). Tokens are signed before each phase by
# bench/cds-load/TokenBatch.java (one per request, valid five minutes, each accepted once) and handed out by
# bench/cds-load/load.lua. The load client shares the machine's cores with the service: on 2 cores, saturation
# figures are a lower bound for the service alone. wrk keeps a fixed number of connections; the target rate comes
# from a pause per connection (DELAY_MS), so the latencies are those of requests sent on time (no queueing in the
# client); the printed rate is what was achieved.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v wrk >/dev/null || { echo "error: wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }

JAR="triage-cds-hooks/target/twitch-triage-cds.jar"
RATE="${RATE:-200}"
DURATION="${DURATION:-30}"
MAX_DURATION="${MAX_DURATION:-15}"
# tokens signed for the flat-out phase: enough for MAX_RATE requests/s; more requests than tokens get 401 answers,
# counted in errors-status (then raise MAX_RATE)
MAX_RATE="${MAX_RATE:-1500}"
CASE="${CASE:-pregnant-calf}"
OUT="bench/results/cds-load"
DEMO="$OUT/demo"
URL="http://localhost:8095/cds-services/twitch-triage-patient-view"
CONNECTIONS=20
THREADS=2

if [[ "${BUILD:-auto}" == always || ! -f "$JAR" ]]; then
    echo "== building: mvn -B -q -pl triage-cds-hooks -am package -DskipTests"
    mvn -B -q -pl triage-cds-hooks -am package -DskipTests
fi
mkdir -p "$OUT"
rm -f "$OUT"/audit.jsonl*
java -cp "$JAR" org.twitchtriage.cdshooks.demo.DemoToken init "$DEMO"
TWITCH_TRIAGE_AUDIT_KEY="$(cat "$DEMO/audit.key")"
export TWITCH_TRIAGE_AUDIT_KEY

jvm=(-Dlogback.configurationFile=bench/cds-load/logback-load.xml)
if [[ -n "${PROFILE:-}" ]]; then
    jvm+=("-XX:StartFlightRecording=filename=$OUT/service.jfr,settings=profile,jdk.FileForce#threshold=0ms"
          -XX:FlightRecorderOptions:stackdepth=256)
fi
echo "== machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java "${jvm[@]}" -jar "$JAR" --config bench/cds-load/config.json > "$OUT/service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://localhost:8095/" && break
    sleep 0.5
done

tokens() { # count
    java -cp "$JAR" bench/cds-load/TokenBatch.java "$DEMO" "$URL" "$1" "$OUT/tokens.txt"
}
phase() { # label duration delay-ms
    local out
    out="$(TOKENS="$OUT/tokens.txt" BODY="triage-cds-hooks/config/demo-requests/$CASE.json" DELAY_MS="$3" \
        WRK_THREADS="$THREADS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --timeout 10s --latency -s bench/cds-load/load.lua "$URL")"
    echo "$out" > "$OUT/wrk-$1.txt"
    grep '^wrk-summary' <<<"$out" | sed "s/^wrk-summary/$1:/"
}

echo "== warm-up: 10 s at about 400 requests/s"
tokens 5000
phase warmup 10 $(( CONNECTIONS * 1000 / 400 )) > /dev/null
echo "== target $RATE requests/s for $DURATION s ($CONNECTIONS connections)"
delay=$(( CONNECTIONS * 1000 / RATE ))
tokens $(( RATE * DURATION * 11 / 10 ))
phase target "$DURATION" "$delay"
echo "== flat out for $MAX_DURATION s: the saturation rate"
tokens $(( MAX_RATE * MAX_DURATION ))
phase max "$MAX_DURATION" 0
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "audit records written: $(wc -l < "$OUT/audit.jsonl")"
echo "non-2xx answers are counted in errors-status (for example a token used up: sign more tokens)"
