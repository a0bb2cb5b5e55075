package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.twitchtriage.audit.AuditFixtures.CLOCK;
import static org.twitchtriage.audit.AuditFixtures.KEY;
import static org.twitchtriage.audit.AuditFixtures.NOW;
import static org.twitchtriage.audit.AuditFixtures.OTHER_KEY;
import static org.twitchtriage.audit.AuditFixtures.REFERENCE;
import static org.twitchtriage.audit.AuditFixtures.audited;
import static org.twitchtriage.audit.AuditFixtures.calf;
import static org.twitchtriage.audit.AuditFixtures.engineV1;
import static org.twitchtriage.audit.AuditFixtures.eyelid;
import static org.twitchtriage.audit.AuditFixtures.lines;
import static org.twitchtriage.audit.AuditFixtures.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.DrlFixtures;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.RuleLoopException;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Violation;

/** The audited engine on a small fixture knowledge base with a fixed clock. */
class AuditedTriageEngineTest {
    @TempDir
    Path dir;

    private static String hmac(byte[] key, String reference) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(reference.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("each evaluation leaves exactly one record in every sink: clock time, knowledge base, version, "
            + "digest, outcome and the decision")
    void evaluation_writesOneRecordPerSink() {
        TriageEngine engine = engineV1();
        AuditFixtures.CollectingSink first = new AuditFixtures.CollectingSink();
        AuditFixtures.CollectingSink second = new AuditFixtures.CollectingSink();
        AuditedTriageEngine audited = audited(engine).sink(first).sink(second).build();
        TriageRequest request = calf();

        AuditedDecision result = audited.evaluate(request);

        assertThat(first.records()).containsExactly(result.record());
        assertThat(second.records()).containsExactly(result.record());
        AuditRecord r = result.record();
        assertThat(r.decisionId()).isEqualTo("d-1");
        assertThat(r.time()).isEqualTo(NOW);
        assertThat(r.outcome()).isEqualTo(Outcome.DECIDED);
        assertThat(r.knowledgeBase()).isEqualTo(engine.knowledgeBase());
        assertThat(r.knowledgeBase().releaseId()).isEqualTo("fixture:v1");
        assertThat(r.knowledgeBase().rulesSha256()).hasSize(64);
        assertThat(r.engineVersion()).isEqualTo(TriageEngine.version());
        assertThat(r.inputDigest()).isEqualTo(CanonicalInput.digest(request)).hasSize(64);
        assertThat(r.highestUrgency()).isEqualTo(Urgency.SOON).isEqualTo(result.decision().highestUrgency());
        assertThat(r.firedRules()).extracting(FiredRule::id).containsExactly("FIX-AUD-CALF");
        assertThat(r.findings()).isEqualTo(result.decision().findings());
        assertThat(r.violations()).isEmpty();
        assertThat(r.error()).isNull();

        audited.evaluate(eyelid());

        assertThat(first.records()).extracting(AuditRecord::decisionId).containsExactly("d-1", "d-2");
        assertThat(second.records()).extracting(AuditRecord::decisionId).containsExactly("d-1", "d-2");
    }

    @Test
    @DisplayName("the input digest: equal inputs give equal digests (the reference does not count), other "
            + "inputs other digests")
    void inputDigest_followsTheClinicalInput() {
        AuditFixtures.CollectingSink sink = new AuditFixtures.CollectingSink();
        AuditedTriageEngine audited = audited(engineV1()).sink(sink).build();
        TriageRequest otherReference = calf().toBuilder()
                .patient(calf().getPatient().toBuilder().reference("someone-else").build()).build();
        TriageRequest longer = calf().toBuilder().clearTwitches()
                .twitch(calf().getTwitches().get(0).toBuilder().durationDays(4).build()).build();

        String digest = audited.evaluate(calf()).record().inputDigest();

        assertThat(audited.evaluate(calf()).record().inputDigest()).isEqualTo(digest);
        assertThat(audited.evaluate(otherReference).record().inputDigest()).isEqualTo(digest);
        assertThat(audited.evaluate(longer).record().inputDigest()).isNotEqualTo(digest);
        assertThat(audited.evaluate(eyelid()).record().inputDigest()).isNotEqualTo(digest);
    }

    @Test
    @DisplayName("the pseudonym is HMAC-SHA256 of the reference: stable for one key, different for another key")
    void pseudonym_isKeyedHashOfTheReference() throws Exception {
        AuditFixtures.CollectingSink sink = new AuditFixtures.CollectingSink();
        AuditedTriageEngine withKey = audited(engineV1()).sink(sink).build();
        AuditedTriageEngine withSameKey = audited(engineV1()).pseudonymKey(KEY.clone()).sink(sink).build();
        AuditedTriageEngine withOtherKey = audited(engineV1()).pseudonymKey(OTHER_KEY).sink(sink).build();

        String pseudonym = withKey.evaluate(calf()).record().patientPseudonym();

        assertThat(pseudonym).isEqualTo(hmac(KEY, REFERENCE)).hasSize(64).doesNotContain(REFERENCE);
        assertThat(withKey.evaluate(eyelid()).record().patientPseudonym())
                .as("another decision about the same patient").isEqualTo(pseudonym);
        assertThat(withSameKey.evaluate(calf()).record().patientPseudonym()).isEqualTo(pseudonym);
        assertThat(withOtherKey.evaluate(calf()).record().patientPseudonym())
                .isEqualTo(hmac(OTHER_KEY, REFERENCE)).isNotEqualTo(pseudonym);
        TriageRequest otherPatient = TriageRequest.builder()
                .patient(AuditFixtures.patient().reference("ref-other").build())
                .twitch(calf().getTwitches().get(0)).build();
        assertThat(withKey.evaluate(otherPatient).record().patientPseudonym()).isNotEqualTo(pseudonym);
    }

    @Test
    @DisplayName("the raw patient reference appears nowhere in the written log, with or without the input")
    void reference_neverReachesTheLog() throws IOException {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            audited(engineV1()).sink(sink).captureInput(true).build().evaluate(calf());
            audited(engineV1()).sink(sink).captureInput(false).build().evaluate(calf());
            TriageRequest invalid = calf().toBuilder()
                    .patient(calf().getPatient().toBuilder().ageYears(-3).build()).build();
            assertThatThrownBy(() -> audited(engineV1()).sink(sink).captureInput(true).build().evaluate(invalid))
                    .isInstanceOf(InvalidRequestException.class);
        }

        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(lines(log)).hasSize(3);
        assertThat(text).doesNotContain(REFERENCE).doesNotContain("\"reference\":\"ref-");
        assertThat(parse(lines(log).get(0)).get("patientPseudonym").asText()).isNotBlank();
    }

    @Test
    @DisplayName("input capture on: the record holds the canonical input without the reference")
    void captureInput_storesTheInputWithoutReference() {
        AuditFixtures.CollectingSink sink = new AuditFixtures.CollectingSink();
        AuditedTriageEngine audited = audited(engineV1()).sink(sink).captureInput(true).build();

        AuditRecord r = audited.evaluate(calf()).record();

        ObjectNode input = r.input();
        assertThat(input).isEqualTo(CanonicalInput.of(calf()));
        assertThat(input.get("patient").has("reference")).isFalse();
        assertThat(input.get("patient").get("ageYears").asInt()).isEqualTo(44);
        assertThat(input.get("twitches").get(0).get("site").asText()).isEqualTo("CALF");
        assertThat(input.get("twitches").get(0).get("durationDays").asInt()).isEqualTo(3);
        assertThat(input.findValues("reference")).isEmpty();
        assertThat(r.toJson().get("input")).isEqualTo(input);
    }

    @Test
    @DisplayName("input capture off (the default): the record holds no input")
    void captureInputOff_storesNoInput() {
        AuditFixtures.CollectingSink sink = new AuditFixtures.CollectingSink();
        AuditedTriageEngine audited = audited(engineV1()).sink(sink).build();

        AuditRecord r = audited.evaluate(calf()).record();

        assertThat(r.input()).isNull();
        assertThat(r.toJson().get("input").isNull()).isTrue();
        assertThat(r.inputDigest()).as("the digest is kept even without the input")
                .isEqualTo(CanonicalInput.digest(calf()));
    }

    @Test
    @DisplayName("invalid input: a REJECTED record with every violation is written, then InvalidRequestException")
    void invalidInput_writesRejectedRecordThenThrows() {
        AuditFixtures.CollectingSink sink = new AuditFixtures.CollectingSink();
        AuditedTriageEngine audited = audited(engineV1()).sink(sink).captureInput(true).build();
        TriageRequest invalid = TriageRequest.builder()
                .patient(Patient.builder().reference(REFERENCE).ageYears(200).build())
                .twitch(Twitch.builder().id("t1").build())
                .build();

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> audited.evaluate(invalid));

        assertThat(thrown).isNotNull();
        assertThat(sink.records()).hasSize(1);
        AuditRecord r = sink.records().get(0);
        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.violations()).isEqualTo(thrown.getViolations())
                .extracting(Violation::field)
                .contains("patient.ageYears", "patient.sex", "twitches[0].site", "twitches[0].course");
        assertThat(r.time()).isEqualTo(NOW);
        assertThat(r.highestUrgency()).isNull();
        assertThat(r.firedRules()).isEmpty();
        assertThat(r.findings()).isEmpty();
        assertThat(r.error()).isNull();
        assertThat(r.inputDigest()).isEqualTo(CanonicalInput.digest(invalid));
        assertThat(r.input()).isEqualTo(CanonicalInput.of(invalid));
    }

    @Test
    @DisplayName("no request at all: a REJECTED record without pseudonym, then InvalidRequestException")
    void nullRequest_writesRejectedRecord() {
        AuditFixtures.CollectingSink sink = new AuditFixtures.CollectingSink();
        AuditedTriageEngine audited = audited(engineV1()).sink(sink).captureInput(true).build();

        assertThatThrownBy(() -> audited.evaluate(null)).isInstanceOf(InvalidRequestException.class);

        assertThat(sink.records()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.patientPseudonym()).isNull();
            assertThat(r.violations()).extracting(Violation::field).containsExactly("request");
            assertThat(r.input()).isEmpty();
        });
    }

    @Test
    @DisplayName("a looping rule: a FAILED record naming the rule is written, then the engine's exception")
    void loopingRule_writesFailedRecordThenThrows() {
        AuditFixtures.CollectingSink sink = new AuditFixtures.CollectingSink();
        AuditedTriageEngine audited = audited(DrlFixtures.engine(50, "loop.drl")).sink(sink).build();

        RuleLoopException thrown = catchThrowableOfType(RuleLoopException.class, () -> audited.evaluate(calf()));

        assertThat(thrown).isNotNull();
        assertThat(sink.records()).hasSize(1);
        AuditRecord r = sink.records().get(0);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.error()).isEqualTo(thrown.getMessage()).contains("FIX-LOOP");
        assertThat(r.highestUrgency()).isNull();
        assertThat(r.findings()).isEmpty();
        assertThat(r.violations()).isEmpty();
        assertThat(r.time()).isEqualTo(NOW);
    }

    /** A sink that fails with the given exception. */
    private static AuditSink failing(RuntimeException e) {
        return record -> {
            throw e;
        };
    }

    @Test
    @DisplayName("a sink that fails: a valid request gets AuditException and no decision")
    void failingSink_withholdsTheDecision() {
        AuditFixtures.CollectingSink before = new AuditFixtures.CollectingSink();
        IllegalStateException diskFull = new IllegalStateException("disk full");
        AuditedTriageEngine audited = audited(engineV1()).sink(before).sink(failing(diskFull)).build();

        AuditException thrown = catchThrowableOfType(AuditException.class, () -> audited.evaluate(calf()));

        assertThat(thrown).isNotNull();
        assertThat(thrown.getCause()).isSameAs(diskFull);
        assertThat(thrown.getMessage()).contains("disk full");
    }

    @Test
    @DisplayName("a sink that throws AuditException itself: that exception reaches the caller unchanged")
    void failingSink_auditExceptionPassesThrough() {
        AuditException refused = new AuditException("log refused");
        AuditedTriageEngine audited = audited(engineV1()).sink(failing(refused)).build();

        assertThatThrownBy(() -> audited.evaluate(calf())).isSameAs(refused);
    }

    @Test
    @DisplayName("a sink that fails on a rejected request: AuditException, with the input problem attached")
    void failingSink_onInvalidInput_isAnAuditException() {
        AuditedTriageEngine audited = audited(engineV1()).sink(failing(new IllegalStateException("down"))).build();
        TriageRequest invalid = TriageRequest.builder().patient(AuditFixtures.patient().build()).build();

        AuditException thrown = catchThrowableOfType(AuditException.class, () -> audited.evaluate(invalid));

        assertThat(thrown).isNotNull();
        assertThat(thrown.getSuppressed()).hasSize(1);
        assertThat(thrown.getSuppressed()[0]).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    @DisplayName("the log cannot be written: the evaluation fails with AuditException; once the fault is gone the "
            + "next one succeeds")
    void logWriteFailure_failsThisEvaluationOnly() throws IOException {
        Path log = dir.resolve("audit.jsonl");
        Path head = JsonLinesAuditSink.headOf(log);
        try (AuditedTriageEngine audited = audited(engineV1())
                .sink(JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)).build()) {
            audited.evaluate(calf());
            Files.delete(head);
            Files.createDirectory(head);

            assertThatThrownBy(() -> audited.evaluate(calf())).isInstanceOf(AuditException.class);

            Files.delete(head);
            assertThat(audited.evaluate(eyelid()).decision()).isNotNull();
        }
        assertThat(AuditLogVerifier.verify(log, AuditFixtures.KEY, null).valid()).isTrue();
    }

    @Test
    @DisplayName("a pseudonymization key shorter than 32 bytes, or none, is refused")
    void shortOrMissingKey_isRefused() {
        AuditedTriageEngine.Builder shortKey = AuditedTriageEngine.builder(engineV1()).clock(CLOCK)
                .pseudonymKey(new byte[Pseudonymizer.MIN_KEY_BYTES - 1]).sink(new AuditFixtures.CollectingSink());
        AuditedTriageEngine.Builder noKey = AuditedTriageEngine.builder(engineV1())
                .sink(new AuditFixtures.CollectingSink());

        assertThatThrownBy(shortKey::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes, had 31");
        assertThatThrownBy(noKey::build).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditedTriageEngine.builder(engineV1()).pseudonymKey(new byte[Pseudonymizer.MIN_KEY_BYTES])
                .sink(new AuditFixtures.CollectingSink()).build()).isNotNull();
    }

    @Test
    @DisplayName("an engine without any sink is refused")
    void noSink_isRefused() {
        assertThatThrownBy(() -> AuditedTriageEngine.builder(engineV1()).pseudonymKey(KEY).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sink");
    }

    @Test
    @DisplayName("a record is immutable: changing its JSON form or its input copy does not change it")
    void record_isImmutable() {
        AuditFixtures.CollectingSink sink = new AuditFixtures.CollectingSink();
        AuditRecord r = audited(engineV1()).sink(sink).captureInput(true).build().evaluate(calf()).record();
        JsonNode before = r.toJson();

        ((ObjectNode) r.toJson().get("input")).put("tampered", true);
        r.input().put("tampered", true);

        assertThat(r.input().has("tampered")).isFalse();
        assertThat(r.toJson()).isEqualTo(before);
        assertThatThrownBy(() -> r.findings().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
