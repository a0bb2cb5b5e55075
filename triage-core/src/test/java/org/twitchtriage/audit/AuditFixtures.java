package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.twitchtriage.engine.DrlFixtures;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.RulesFingerprint;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/** Shared pieces of the audit tests: a small knowledge base, requests, keys, a fixed clock and log helpers. */
final class AuditFixtures {
    /** The fixture knowledge base of the audit tests. */
    static final String CHAIN_DRL = "audit-chain.drl";
    /** A pseudonymization key of exactly the minimum length. */
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Another key of the same length. */
    static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    /** When every audited evaluation in these tests happens. */
    static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** A reference unusual enough that finding it anywhere in a log means it leaked. */
    static final String REFERENCE = "ref-ZQX-4711-secret";

    private static final Map<String, TriageEngine> ENGINES = new ConcurrentHashMap<>();

    private AuditFixtures() {
    }

    /** @return an engine on the audit fixture, labelled {@code fixture:v1}, with the SHA-256 of its DRL */
    static TriageEngine engineV1() {
        return ENGINES.computeIfAbsent("v1", v -> engine(DrlFixtures.read(CHAIN_DRL), "fixture:v1"));
    }

    /** @return an engine on the given DRL text, with the SHA-256 of that text as its rules digest */
    static TriageEngine engine(String drl, String release) {
        String digest = RulesFingerprint.digest(Map.of("fixtures/audit.drl", drl.getBytes(StandardCharsets.UTF_8)));
        return TriageEngine.of(DrlFixtures.compile(drl), release, digest, EngineOptions.defaults());
    }

    static Patient.PatientBuilder patient() {
        return Patient.builder().reference(REFERENCE).ageYears(44).sex(Sex.FEMALE);
    }

    static TriageRequest request(Twitch twitch) {
        return TriageRequest.builder().patient(patient().build()).twitch(twitch).build();
    }

    static TriageRequest calf() {
        return request(Twitch.builder().id("t1").site(BodySite.CALF).course(Course.NEW).durationDays(3).build());
    }

    static TriageRequest eyelid() {
        return request(Twitch.builder().id("t1").site(BodySite.EYELID).course(Course.NEW).build());
    }

    static TriageRequest calfWithParalysis() {
        return request(Twitch.builder().id("t1").site(BodySite.CALF).course(Course.INCREASING)
                .symptom(Symptom.PARALYSIS).build());
    }

    static TriageRequest calfWithLab(String magnesium) {
        return TriageRequest.builder()
                .patient(patient().labResult(LabResult.builder().analyte(Analyte.MAGNESIUM)
                        .value(new BigDecimal(magnesium)).unit(LabUnit.MMOL_PER_L).build()).build())
                .twitch(Twitch.builder().id("t1").site(BodySite.CALF).course(Course.NEW).build())
                .build();
    }

    /** @return decision ids {@code prefix-1}, {@code prefix-2}, ... */
    static Supplier<String> ids(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return () -> prefix + "-" + n.incrementAndGet();
    }

    /** @return a builder for an audited engine with the fixed clock, the test key and counted decision ids */
    static AuditedTriageEngine.Builder audited(TriageEngine engine) {
        return AuditedTriageEngine.builder(engine).clock(CLOCK).pseudonymKey(KEY).decisionIds(ids("d"));
    }

    /** @return a decided record built by hand, without an engine */
    static AuditRecord record(String decisionId) {
        return new AuditRecord(decisionId, NOW, Outcome.DECIDED,
                new KnowledgeBaseInfo("test:kb:1", "twitch-triage", 4, "ab".repeat(32)), "test", "cd".repeat(32),
                "ef".repeat(32), Urgency.ROUTINE, List.of(), List.of(), List.of(), null, null);
    }

    /** A sink that keeps what it is given, for checking what the engine hands over. Thread-safe. */
    static final class CollectingSink implements AuditSink {
        private final List<AuditRecord> records = new ArrayList<>();

        @Override
        public synchronized void write(AuditRecord record) {
            records.add(record);
        }

        synchronized List<AuditRecord> records() {
            return List.copyOf(records);
        }
    }

    static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeLines(Path log, List<String> lines) {
        try {
            Files.writeString(log, lines.stream().map(l -> l + "\n").reduce("", String::concat),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode parse(String line) {
        try {
            JsonNode node = CanonicalJson.MAPPER.readTree(line);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
