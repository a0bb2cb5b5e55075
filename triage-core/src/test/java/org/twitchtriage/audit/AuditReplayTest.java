package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.audit.AuditFixtures.audited;
import static org.twitchtriage.audit.AuditFixtures.calf;
import static org.twitchtriage.audit.AuditFixtures.calfWithParalysis;
import static org.twitchtriage.audit.AuditFixtures.engineV1;
import static org.twitchtriage.audit.AuditFixtures.eyelid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.DrlFixtures;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.validation.InvalidRequestException;

/**
 * Replaying a log written with the audit fixture (v1) against v1 itself and against versions with one rule changed.
 * The log holds, in order: a calf twitch (see a doctor soon), an eyelid twitch (reassured), a calf twitch with
 * paralysis (urgent), an eyelid twitch recorded without its input, and a rejected request.
 */
class AuditReplayTest {
    @TempDir
    static Path dir;

    private static Path log;

    @BeforeAll
    static void writeLogWithV1() {
        log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            AuditedTriageEngine capturing = audited(engineV1()).sink(sink).captureInput(true).build();
            AuditedTriageEngine notCapturing = audited(engineV1()).decisionIds(AuditFixtures.ids("nc")).sink(sink)
                    .build();
            capturing.evaluate(calf());
            capturing.evaluate(eyelid());
            capturing.evaluate(calfWithParalysis());
            notCapturing.evaluate(eyelid());
            TriageRequest invalid = TriageRequest.builder().patient(AuditFixtures.patient().build()).build();
            assertThatThrownBy(() -> capturing.evaluate(invalid)).isInstanceOf(InvalidRequestException.class);
        }
        assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
    }

    /** @return the v1 fixture with one text replaced, failing when the text is not there */
    private static TriageEngine v2(String release, String from, String to) {
        String v1 = DrlFixtures.read(AuditFixtures.CHAIN_DRL);
        assertThat(v1).as("the v1 fixture holds the text to change").containsOnlyOnce(from);
        return AuditFixtures.engine(v1.replace(from, to), release);
    }

    @Test
    @DisplayName("the same knowledge base: every stored input replays to the same decision")
    void sameKnowledgeBase_noDifferences() {
        AuditReplay.Result result = AuditReplay.replay(log, engineV1());

        assertThat(result.records()).isEqualTo(5);
        assertThat(result.replayed()).isEqualTo(3);
        assertThat(result.notReplayable()).as("one without input, one rejected").isEqualTo(2);
        assertThat(result.differences()).isEmpty();
    }

    @Test
    @DisplayName("the calf rule made urgent: exactly the two calf decisions differ, with readable changes")
    void changedUrgency_listsExactlyTheChangedDecisions() {
        TriageEngine v2 = v2("fixture:v2-urgent-calf",
                "insertLogical(Conclusion.referral(FindingCode.SEE_DOCTOR, Urgency.SOON,",
                "insertLogical(Conclusion.referral(FindingCode.SEE_DOCTOR, Urgency.URGENT,");

        AuditReplay.Result result = AuditReplay.replay(log, v2);

        assertThat(result.replayed()).isEqualTo(3);
        assertThat(result.notReplayable()).isEqualTo(2);
        assertThat(result.differences()).extracting(AuditReplay.Difference::line).containsExactly(1L, 3L);
        assertThat(result.differences()).extracting(AuditReplay.Difference::decisionId).containsExactly("d-1", "d-3");
        assertThat(result.differences().get(0).changes()).containsExactly(
                "highest urgency SOON -> URGENT",
                "finding SEE_DOCTOR urgency SOON -> URGENT");
        assertThat(result.differences().get(1).changes()).as("already urgent overall; only the finding changed")
                .containsExactly("finding SEE_DOCTOR urgency SOON -> URGENT");
    }

    @Test
    @DisplayName("the eyelid rule concludes one thing more: only the eyelid decision with stored input differs")
    void extraConclusion_listsTheNewFinding() {
        TriageEngine v2 = v2("fixture:v2-eyelid-wait",
                "insertLogical(Conclusion.reassurance($t, \"It usually settles by itself.\"));",
                "insertLogical(Conclusion.reassurance($t, \"It usually settles by itself.\"));\n"
                        + "    insertLogical(Conclusion.selfCare(FindingCode.WAIT_AND_SEE, $t, \"Give it time.\"));");

        AuditReplay.Result result = AuditReplay.replay(log, v2);

        assertThat(result.differences()).hasSize(1);
        AuditReplay.Difference d = result.differences().get(0);
        assertThat(d.line()).isEqualTo(2);
        assertThat(d.decisionId()).isEqualTo("d-2");
        assertThat(d.changes()).containsExactly("finding WAIT_AND_SEE (ROUTINE) is newly concluded");
    }

    @Test
    @DisplayName("the eyelid rule no longer applies: its finding and its firing are reported as gone")
    void removedConclusion_listsWhatIsGone() {
        TriageEngine v2 = v2("fixture:v2-no-eyelid", "$t : Twitch( site == BodySite.EYELID )",
                "$t : Twitch( site == BodySite.EYELID, symptoms contains Symptom.PAIN )");

        AuditReplay.Result result = AuditReplay.replay(log, v2);

        assertThat(result.differences()).singleElement().satisfies(d -> {
            assertThat(d.decisionId()).isEqualTo("d-2");
            assertThat(d.changes()).containsExactly(
                    "finding USUALLY_HARMLESS (ROUTINE) is no longer concluded",
                    "rule FIX-AUD-LID no longer fires");
        });
    }

    @Test
    @DisplayName("a log with a line that is not JSON is not replayed: AuditException naming the line")
    void damagedLog_isRefused(@TempDir Path other) throws Exception {
        Path damaged = other.resolve("damaged.jsonl");
        List<String> lines = AuditFixtures.lines(log);
        Files.writeString(damaged, lines.get(0) + "\n{not json\n");

        assertThatThrownBy(() -> AuditReplay.replay(damaged, engineV1()))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    @DisplayName("a knowledge base that loops on recorded inputs is reported as a difference, not a crash")
    void loopingKnowledgeBase_isReportedPerDecision() {
        AuditReplay.Result result = AuditReplay.replay(log, DrlFixtures.engine(50, "loop.drl"));

        assertThat(result.replayed()).isEqualTo(3);
        assertThat(result.differences()).hasSize(3)
                .allSatisfy(d -> assertThat(d.changes()).singleElement().asString()
                        .startsWith("the knowledge base fails on this input:").contains("FIX-LOOP"));
    }
}
