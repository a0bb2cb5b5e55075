package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.audit.FeedbackRecord.CardOutcome;
import org.twitchtriage.audit.FeedbackRecord.OverrideReason;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.validation.Violation;

/** Feedback records: their JSON form and their place in the hash-chained audit log beside decision records. */
class FeedbackRecordTest {
    private static final Instant T0 = Instant.parse("2025-11-25T10:00:00Z");

    private static AuditRecord rejected(String id) {
        return new AuditRecord(id, T0, Outcome.REJECTED, new KnowledgeBaseInfo("g:a:1", "kb", 1, "00ff"), "test",
                "digest", null, null, List.of(), List.of(), List.of(new Violation("twitches", "required")), null,
                null);
    }

    private static FeedbackRecord accepted(String cardId) {
        return new FeedbackRecord("fb-1", T0.plusSeconds(60), "cds-hooks/test", cardId, "d-1",
                List.of(FindingCode.SEE_NEUROLOGIST, FindingCode.EMG), CardOutcome.ACCEPTED, List.of("s-1"), null,
                false, T0.plusSeconds(30));
    }

    private static FeedbackRecord overridden(String cardId) {
        return new FeedbackRecord("fb-2", T0.plusSeconds(90), "cds-hooks/test", cardId, null, List.of(),
                CardOutcome.OVERRIDDEN, List.of(), new OverrideReason("urn:example", "declined", "Patient declined"),
                true, null);
    }

    @Test
    @DisplayName("a feedback record's JSON names its type and keeps codes, never comment text")
    void json_carriesTypeOutcomeAndReason() {
        JsonNode json = overridden("card-9").toJson();

        assertThat(json.path("recordType").asText()).isEqualTo("FEEDBACK");
        assertThat(json.path("feedbackOutcome").asText()).isEqualTo("OVERRIDDEN");
        assertThat(json.path("cardId").asText()).isEqualTo("card-9");
        assertThat(json.path("decisionId").isNull()).isTrue();
        assertThat(json.path("overrideReason").path("code").asText()).isEqualTo("declined");
        assertThat(json.path("overrideReason").path("display").asText()).isEqualTo("Patient declined");
        assertThat(json.path("userCommented").asBoolean()).isTrue();
        assertThat(accepted("c").toJson().path("findingCodes").toString()).isEqualTo("[\"SEE_NEUROLOGIST\",\"EMG\"]");
        assertThat(accepted("c").toJson().path("outcomeTime").asText()).isEqualTo("2025-11-25T10:00:30Z");
    }

    @Test
    @DisplayName("an accepted card cannot carry an override reason")
    void accepted_withReason_isRefused() {
        assertThatThrownBy(() -> new FeedbackRecord("f", T0, "s", "c", null, List.of(), CardOutcome.ACCEPTED,
                List.of("s1"), new OverrideReason("x", "y", null), false, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a log mixing decision and feedback records verifies as one chain")
    void mixedLog_verifies(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            sink.write(rejected("d-1"));
            sink.writeFeedback(accepted("card-1"));
            sink.write(rejected("d-2"));
            sink.writeFeedback(overridden("card-2"));
        }

        assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
        assertThat(AuditLogVerifier.verify(log).records()).isEqualTo(4);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines.get(1)).contains("\"recordType\":\"FEEDBACK\"").contains("\"sequence\":2");
    }

    @Test
    @DisplayName("reopening a log continues the chain after a feedback line")
    void reopen_afterFeedback_continuesTheChain(@TempDir Path dir) {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            sink.write(rejected("d-1"));
            sink.writeFeedback(accepted("card-1"));
        }
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            sink.writeFeedback(overridden("card-1"));
        }

        assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
        assertThat(AuditLogVerifier.verify(log).records()).isEqualTo(3);
    }

    @Test
    @DisplayName("an edited feedback line breaks the chain at that line")
    void editedFeedback_isDetected(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            sink.write(rejected("d-1"));
            sink.writeFeedback(overridden("card-1"));
            sink.write(rejected("d-2"));
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(log, text.replace("\"OVERRIDDEN\"", "\"ACCEPTED\""), StandardCharsets.UTF_8);

        AuditLogVerifier.Report report = AuditLogVerifier.verify(log);

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(2);
    }

    @Test
    @DisplayName("the audited engine sends feedback to every sink, into the same log as its decisions")
    void auditedEngine_recordsFeedbackInEverySink(@TempDir Path dir) {
        List<FeedbackRecord> seen = new ArrayList<>();
        AuditSink collecting = new AuditSink() {
            @Override
            public void write(AuditRecord record) {
            }

            @Override
            public void writeFeedback(FeedbackRecord record) {
                seen.add(record);
            }
        };
        Path log = dir.resolve("audit.jsonl");
        try (AuditedTriageEngine audited = AuditedTriageEngine.builder(emptyEngine())
                .pseudonymKey(new byte[32])
                .sink(collecting)
                .sink(new Slf4jAuditSink())
                .sink(JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY))
                .build()) {
            audited.recordFeedback(accepted("card-1"));
        }

        assertThat(seen).extracting(FeedbackRecord::cardId).containsExactly("card-1");
        assertThat(AuditLogVerifier.verify(log).records()).isEqualTo(1);
    }

    @Test
    @DisplayName("a sink written before feedback existed refuses it instead of dropping it")
    void sinkWithoutFeedbackSupport_refuses() {
        AuditSink decisionsOnly = record -> { };
        AuditedTriageEngine audited = AuditedTriageEngine.builder(emptyEngine()).pseudonymKey(new byte[32])
                .sink(decisionsOnly).build();

        assertThatThrownBy(() -> audited.recordFeedback(accepted("c")))
                .isInstanceOf(AuditException.class).hasMessageContaining("does not store feedback");
    }

    private static TriageEngine emptyEngine() {
        return TriageEngine.of(KnowledgeBaseFactory.newKnowledgeBase(), "empty", EngineOptions.builder().build());
    }
}
