package org.twitchtriage.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.audit.AuditLogVerifier;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.audit.JsonLinesAuditSink;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.DecisionWriter;
import org.twitchtriage.json.RequestReader;

class ScreeningTest {
    static TriageEngine engine;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() {
        engine = TriageEngine.create();
    }

    static ScreeningSummary screenBulk(Path export, Path out, int threads, long budget, boolean resume)
            throws IOException {
        try (BulkExport source = BulkExport.open(export, budget)) {
            return Screening.builder(engine).threads(threads).checkpointEvery(25)
                    .evaluationDate(PopulationGeneratorTest.DATE).build()
                    .run(source, Screening.describe(export), out, resume);
        }
    }

    @Test
    @DisplayName("every generated patient is decided or reported, bad lines with file, line and field, no id in a "
            + "message")
    void bulkExport_everyPatientDecidedOrReported() throws Exception {
        Path export = temp.resolve("export");
        PopulationGenerator gen = new PopulationGenerator(3, 0.1, PopulationGeneratorTest.DATE);
        gen.write(export, 400);
        ScreeningSummary s = screenBulk(export, temp.resolve("out"), 2, BulkExport.DEFAULT_SORT_BUDGET, false);

        List<JsonNode> decisions = lines(temp.resolve("out").resolve(Screening.DECISIONS));
        List<JsonNode> errors = lines(temp.resolve("out").resolve(Screening.ERRORS));
        assertThat(decisions).hasSize((int) s.decided());
        assertThat(errors).hasSize((int) s.errors());
        assertThat(s.decided()).as("most patients decided").isGreaterThan(300);
        assertThat(s.errors()).as("bad records reported").isPositive();
        Set<String> seen = new HashSet<>();
        decisions.forEach(d -> seen.add(d.path("patient").asText()));
        errors.stream().filter(e -> e.has("patient")).forEach(e -> seen.add(e.path("patient").asText()));
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            all.add(gen.patientId(i));
        }
        assertThat(seen).as("each patient once, decided or reported").isEqualTo(all);
        assertThat(decisions.size() + errors.stream().filter(e -> e.has("patient")).count()).isEqualTo(400);
        for (JsonNode e : errors) {
            for (JsonNode p : e.path("errors")) {
                assertThat(p.path("location").asText()).matches("(Patient|Condition|Observation)\\.ndjson line \\d+");
                assertThat(p.path("field").asText()).isNotBlank();
                all.forEach(id -> assertThat(p.toString()).doesNotContain(id));
            }
        }
        assertThat(s.errorsByField()).containsKeys("Condition.subject.reference");
        assertThat(s.byUrgency().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.decided());
        assertThat(decisions.get(0).path("formatVersion").asInt()).isEqualTo(DecisionWriter.FORMAT_VERSION);
        JsonNode summary = PopulationGeneratorTest.json(Files.readString(temp.resolve("out").resolve(Screening.SUMMARY)));
        assertThat(summary.path("records").asLong()).isEqualTo(s.records());
    }

    @Test
    @DisplayName("a sort that spills to disk and one thread give the same files as memory and two threads")
    void spilledAndSingleThreaded_sameOutputs() throws Exception {
        Path export = temp.resolve("export");
        new PopulationGenerator(5, 0.05, PopulationGeneratorTest.DATE).write(export, 150);
        screenBulk(export, temp.resolve("a"), 2, BulkExport.DEFAULT_SORT_BUDGET, false);
        try (BulkExport spilled = BulkExport.open(export, 10_000)) {
            assertThat(spilled.sortRuns()).as("runs spilled").isGreaterThan(SpillSorterRuns.MIN);
        }
        screenBulk(export, temp.resolve("b"), 1, 10_000, false);
        for (String f : List.of(Screening.DECISIONS, Screening.ERRORS, Screening.SUMMARY)) {
            assertThat(Files.readString(temp.resolve("b").resolve(f))).as(f)
                    .isEqualTo(Files.readString(temp.resolve("a").resolve(f)));
        }
    }

    /** Enough runs to prove the spill path was taken. */
    static final class SpillSorterRuns {
        static final int MIN = 10;
    }

    @Test
    @DisplayName("case lines: each decision equals the engine's on the case file; a bad line is reported with its "
            + "line and field")
    void caseLines_decisionsEqualTheEngine_badLineReported() throws Exception {
        List<Path> cases;
        try (Stream<Path> s = Files.list(Path.of("../triage-examples/cases"))) {
            cases = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThan(20);
        List<String> lines = new ArrayList<>();
        for (Path c : cases) {
            lines.add(RecordDecider.JSON.readTree(Files.readString(c)).toString());
        }
        lines.add(2, "");
        lines.add(5, "{\"patient\": {\"reference\": \"secret-ref\", \"ageYears\": 31, \"sex\": \"FEMALE\"}, "
                + "\"twitches\": [{\"id\": \"t1\", \"site\": \"ELBOW\", \"course\": \"NEW\"}]}");
        Path file = temp.resolve("cases.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        ScreeningSummary s;
        try (CaseLines source = CaseLines.open(file)) {
            s = Screening.builder(engine).threads(2).build().run(source, Screening.describe(file),
                    temp.resolve("out"), false);
        }
        assertThat(s.errors()).isEqualTo(1);
        JsonNode error = lines(temp.resolve("out").resolve(Screening.ERRORS)).get(0);
        assertThat(error.path("line").asLong()).isEqualTo(6);
        assertThat(error.path("errors").get(0).path("field").asText()).isEqualTo("twitches[0].site");
        assertThat(error.toString()).doesNotContain("secret-ref");

        List<JsonNode> decisions = lines(temp.resolve("out").resolve(Screening.DECISIONS));
        assertThat(decisions).hasSize(cases.size());
        RequestReader reader = new RequestReader();
        for (int i = 0; i < cases.size(); i++) {
            ObjectNode actual = (ObjectNode) decisions.get(i).deepCopy();
            long line = actual.remove("line").asLong();
            int index = (int) line - 1 - (line > 3 ? 1 : 0) - (line > 6 ? 1 : 0);
            ObjectNode expected = new DecisionWriter().toTree(engine.evaluate(reader.read(cases.get(index))));
            assertThat(actual).as("line %d (%s)", line, cases.get(index).getFileName()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("a run stopped after its last checkpoint resumes to the same files, audited once per record")
    void interrupted_resumes_sameFiles_oneAuditRecordPerDecision() throws Exception {
        Path export = temp.resolve("export");
        new PopulationGenerator(9, 0.05, PopulationGeneratorTest.DATE).write(export, 200);
        screenBulk(export, temp.resolve("whole"), 2, BulkExport.DEFAULT_SORT_BUDGET, false);

        Path out = temp.resolve("cut");
        Path log = temp.resolve("audit.jsonl");
        byte[] key = "a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8);
        RuntimeException stop = new IllegalStateException("stopped");
        assertThatThrownBy(() -> audited(export, out, log, key, (done, errors, total) -> {
            if (done == 137) {
                throw stop;
            }
        }, false)).isSameAs(stop);
        assertThat(ScreeningCheckpoint.read(out).done()).isEqualTo(125);
        assertThat(Files.size(out.resolve(Screening.DECISIONS)))
                .as("lines after the checkpoint were written").isGreaterThan(ScreeningCheckpoint.read(out).decisionsBytes());
        assertThatThrownBy(() -> audited(export, out, log, key, null, false))
                .isInstanceOf(ScreeningException.class).hasMessageContaining("--resume");

        ScreeningSummary s = audited(export, out, log, key, null, true);
        for (String f : List.of(Screening.DECISIONS, Screening.ERRORS, Screening.SUMMARY)) {
            assertThat(Files.readString(out.resolve(f))).as(f)
                    .isEqualTo(Files.readString(temp.resolve("whole").resolve(f)));
        }
        List<String> ids = lines(log).stream().map(r -> r.path("decisionId").asText()).filter(i -> !i.isEmpty())
                .toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize((int) s.decided());
        assertThat(AuditLogVerifier.verify(log, key, null).valid()).isTrue();
    }

    private static ScreeningSummary audited(Path export, Path out, Path log, byte[] key, Screening.Progress progress,
                                            boolean resume) throws IOException {
        try (BulkExport source = BulkExport.open(export, BulkExport.DEFAULT_SORT_BUDGET)) {
            return Screening.builder(engine).threads(2).checkpointEvery(25).progress(progress)
                    .evaluationDate(PopulationGeneratorTest.DATE)
                    .audit(ids -> AuditedTriageEngine.builder(engine).pseudonymKey(key).captureInput(true)
                            .decisionIds(ids)
                            .sink(JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, key)).build(), log)
                    .build().run(source, Screening.describe(export), out, resume);
        }
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(PopulationGeneratorTest.json(l));
        }
        return out;
    }
}
