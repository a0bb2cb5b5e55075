package org.twitchtriage.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.audit.JsonLinesAuditSink;
import org.twitchtriage.engine.TriageEngine;

class AuditLogReplayTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("replaying a screening's audit log with the same rules finds no difference; an edited record breaks "
            + "the chain, so the log is refused, and when accepted anyway it is found, grouped by change, finding and "
            + "rule")
    void sameRules_noDifference_editedRecordFound() throws Exception {
        TriageEngine engine = ScreeningTest.engine == null ? TriageEngine.create() : ScreeningTest.engine;
        Path export = temp.resolve("export");
        new PopulationGenerator(21, 0.05, PopulationGeneratorTest.DATE).write(export, 80);
        Path log = temp.resolve("audit.jsonl");
        byte[] key = "a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8);
        ScreeningSummary s;
        try (BulkExport source = BulkExport.open(export, BulkExport.DEFAULT_SORT_BUDGET)) {
            s = Screening.builder(engine).threads(2).evaluationDate(PopulationGeneratorTest.DATE)
                    .audit(ids -> AuditedTriageEngine.builder(engine).pseudonymKey(key).captureInput(true)
                            .decisionIds(ids)
                            .sink(JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, key)).build(), log)
                    .build().run(source, Screening.describe(export), temp.resolve("out"), false);
        }
        JsonNode same = AuditLogReplay.replay(log, engine, 2, key, false);
        assertThat(same.path("chain").path("valid").asBoolean()).isTrue();
        assertThat(same.path("chain").path("verdict").asText()).contains("authenticated with the audit key");
        assertThat(same.path("replayed").asLong()).isEqualTo(s.decided());
        assertThat(same.path("differing").asLong()).isZero();

        // pretend the rules used to conclude nothing urgent for the first urgent record
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            if (lines.get(i).contains("\"highestUrgency\":\"URGENT\"")) {
                at = i;
            }
        }
        assertThat(at).as("an urgent decision among 80 patients").isNotNegative();
        ObjectNode edited = (ObjectNode) RecordDecider.JSON.readTree(lines.get(at));
        edited.put("highestUrgency", "ROUTINE");
        edited.putArray("findings");
        edited.putArray("firedRules");
        lines.set(at, edited.toString());
        Path changed = temp.resolve("edited.jsonl");
        Files.write(changed, lines);
        assertThatThrownBy(() -> AuditLogReplay.replay(changed, engine, 2))
                .as("an edited log is refused by default").isInstanceOf(ScreeningException.class)
                .hasMessageContaining("does not verify").hasMessageContaining("line " + (at + 1));
        JsonNode report = AuditLogReplay.replay(changed, engine, 2, null, true);
        assertThat(report.path("chain").path("valid").asBoolean()).isFalse();
        assertThat(report.path("chain").path("brokenLine").asLong()).isEqualTo(at + 1);
        assertThat(ReplayHtml.page(report)).contains("Audit log: BROKEN at line " + (at + 1));
        assertThat(report.path("differing").asLong()).isEqualTo(1);
        assertThat(report.path("byChange").path("urgency raised").asLong()).isEqualTo(1);
        assertThat(report.path("byChange").path("finding added").asLong()).isEqualTo(1);
        assertThat(report.path("byRule").size()).isPositive();
        assertThat(report.path("examples").get(0).path("line").asLong()).isEqualTo(at + 1);
    }
}
