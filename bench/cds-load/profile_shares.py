#!/usr/bin/env python3
"""Shares of a JFR recording of the CDS Hooks service by component (bench/cds-load.sh PROFILE=1).

    python3 bench/cds-load/profile_shares.py bench/results/cds-load/service.jfr [SKIP_SECONDS]

Reads CPU samples (jdk.ExecutionSample) and allocation samples (jdk.ObjectAllocationSample, weighted by bytes) of
every thread except start-up ("main") and JFR's own, and assigns each sample to the component of the deepest
frame (nearest the leaf) that matches one of the entry points below; logging wins wherever it appears. Prints the share of
each component, so that two recordings taken under different machine load can be compared by proportion.
Samples in the first SKIP_SECONDS (default 15) after the service's first sampled request are left out: the warm-up
phase, with class loading and just-in-time compilation.
"""
from datetime import datetime
import json
import subprocess
import sys
from collections import Counter

# (component, frame prefixes "package.Class.method" or "package.Class"): a sample belongs to the component of the
# deepest matching frame (nearest the leaf), so the engine inside the audited evaluation counts as engine, and the
# audit sink's JSON writing as audit; logging wins wherever it appears
LOGGING = ("ch.qos.logback.", "org.slf4j.")
ENTRIES = [
    ("JWT verification (nimbus, JWK, replay)", ("org.twitchtriage.cdshooks.CdsHooksServer.authenticate",
        "org.twitchtriage.cdshooks.internal.TokenVerifier.")),
    ("request body read + JSON parse", ("org.twitchtriage.cdshooks.CdsHooksServer.readJson",
        "org.twitchtriage.cdshooks.internal.Json.parse", "org.twitchtriage.cdshooks.internal.BodyReader.")),
    ("FHIR prefetch parsing (HAPI)", ("org.twitchtriage.cdshooks.internal.PrefetchReader.",)),
    ("FHIR request mapper", ("org.twitchtriage.fhir.FhirRequestMapper.",)),
    ("audit (record, MAC, write, fsync wait)", ("org.twitchtriage.audit.",)),
    ("engine (TriageEngine.evaluate)", ("org.twitchtriage.engine.",)),
    ("FHIR decision mapper (proposals)", ("org.twitchtriage.fhir.FhirDecisionMapper.",)),
    ("card assembly", ("org.twitchtriage.cdshooks.internal.CardAssembler.",
        "org.twitchtriage.cdshooks.internal.NotReadCard.", "org.twitchtriage.cdshooks.internal.UnreadDataCard.",
        "org.twitchtriage.cdshooks.internal.IssuedCards.")),
    ("response JSON write", ("org.twitchtriage.cdshooks.internal.Json.bytes",
        "org.twitchtriage.cdshooks.CdsHooksServer.send")),
]
HTTP = "Jetty/Javalin (HTTP, I/O, threads, rest of the service)"
SKIP_THREADS = ("main", "JFR ", "Reference Handler", "Finalizer", "Common-Cleaner", "Attach Listener")


def frames_of(event):
    st = event["values"].get("stackTrace")
    if not st:
        return []
    out = []
    for f in st["frames"]:
        m = f["method"]
        out.append(m["type"]["name"].replace("/", ".") + "." + m["name"])
    return out


def component(frames):
    if any(fr.startswith(LOGGING) for fr in frames):
        return "logging"
    for fr in frames:  # leaf first: the deepest entry point wins
        for name, prefixes in ENTRIES:
            if fr.startswith(prefixes):
                return name
    return HTTP


def load(path, event):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "300", "--events", event, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def thread_of(event):
    t = event["values"].get("sampledThread") or event["values"].get("eventThread") or {}
    return (t or {}).get("javaName") or ""


def table(title, counts):
    total = sum(counts.values()) or 1
    print(f"{title} (total {total:,.0f})")
    for name, n in counts.most_common():
        print(f"  {100.0 * n / total:5.1f} %  {name}")


def served(events, skip_seconds):
    """The events of request-serving threads, from skip_seconds after the first one on."""
    def at(e):
        return datetime.fromisoformat(e["values"]["startTime"][:26].rstrip("Z")).timestamp()
    mine = [e for e in events if not thread_of(e).startswith(SKIP_THREADS)]
    starts = [at(e) for e in mine if thread_of(e).startswith(("JettyServerThreadPool", "qtp"))]
    first = min(starts) if starts else 0
    return [e for e in mine if at(e) >= first + skip_seconds]


def main(path, skip_seconds):
    cpu = Counter()
    for e in served(load(path, "jdk.ExecutionSample"), skip_seconds):
        cpu[component(frames_of(e))] += 1
    table("CPU samples", cpu)
    alloc = Counter()
    for e in served(load(path, "jdk.ObjectAllocationSample"), skip_seconds):
        alloc[component(frames_of(e))] += e["values"]["weight"]
    table("allocation (bytes, sampled)", alloc)
    forces = Counter()
    for e in served(load(path, "jdk.FileForce"), skip_seconds):
        name = e["values"]["path"]
        forces["log" if name.endswith(".jsonl") else "head file" if ".head" in name else "folder"] += 1
    print("forces (jdk.FileForce; all of them when recorded with threshold 0, as bench/cds-load.sh PROFILE=1 does):",
          ", ".join(f"{k} {v}" for k, v in forces.most_common()) or "none recorded")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 15.0)
