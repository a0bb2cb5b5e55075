package org.twitchtriage.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.batch.AuditLogReplay;
import org.twitchtriage.batch.ReplayHtml;
import org.twitchtriage.batch.ReplayTally;
import org.twitchtriage.batch.ScreeningException;
import org.twitchtriage.engine.TriageEngine;

/**
 * The Spark replay against {@code twitch-triage replay}'s own code ({@link AuditLogReplay}, in process) on the same
 * audit log: the same report, field by field and in the same order, and the same HTML page. One {@code local[2]}
 * context and one log (a screening of 300 patients, part of it decided as if by older rules) for the class.
 */
class SparkReplayTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static JavaSparkContext sc;
    private static TriageEngine engine;
    private static Path log;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() throws IOException {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkReplayTest")
                .set("spark.ui.enabled", "false"));
        // replay's rules: the same kjar, loaded once for this JVM (the executors of local[2] share it)
        engine = ExecutorKnowledgeBase.engine();
        log = OlderRulesLog.write(Files.createDirectories(temp.resolve("run")), engine, 300);
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    private static void assertSameReport(JsonNode sparked, JsonNode replayed) throws IOException {
        assertThat(JSON.readTree(sparked.toString())).as("the report, parsed")
                .isEqualTo(JSON.readTree(replayed.toString()));
        assertThat(sparked.toPrettyString()).as("the report, in the same order").isEqualTo(replayed.toPrettyString());
        assertThat(ReplayHtml.page(sparked)).as("the HTML page").isEqualTo(ReplayHtml.page(replayed));
    }

    @Test
    @DisplayName("a log with decisions that differ under the current rules and records that cannot be replayed: the "
            + "Spark job, in three partitions, reports what replay reports, with the MACs checked")
    void differingDecisions_sameReportAsReplay() throws IOException {
        ObjectNode replayed = AuditLogReplay.replay(log, engine, 2, OlderRulesLog.KEY, false);
        SparkReplay job = new SparkReplay(sc, 3);
        assertThat(job.lines(log).getNumPartitions()).as("partitions of the log").isEqualTo(3);

        ObjectNode sparked = job.run(log, OlderRulesLog.KEY, false);

        assertThat(replayed.path("chain").path("verdict").asText()).contains("authenticated with the audit key");
        assertThat(replayed.path("differing").asLong()).as("more differing records than the report lists")
                .isGreaterThan(ReplayTally.EXAMPLES);
        assertThat(replayed.path("notReplayable").asLong()).as("rejected records and records without input")
                .isGreaterThan(20);
        List<String> kinds = new ArrayList<>();
        replayed.path("byChange").fieldNames().forEachRemaining(kinds::add);
        assertThat(kinds).contains("rule now fires", "rule no longer fires", "urgency raised", "finding added",
                "input no longer valid");
        assertThat(replayed.path("byRule").path("OLD-1").path("rule no longer fires").asLong()).isPositive();
        JsonNode examples = replayed.path("examples");
        assertThat(examples.get(examples.size() - 1).path("line").asLong())
                .as("the listed records reach beyond the first of the log's three partitions")
                .isGreaterThan(replayed.path("records").asLong() / 3);
        assertSameReport(sparked, replayed);
        assertThat(ExecutorKnowledgeBase.loads()).as("knowledge base loads in this JVM").isEqualTo(1);
    }

    @Test
    @DisplayName("the same report with Spark's default partitions and without the key (hash chain only)")
    void defaultPartitions_withoutKey_sameReport() throws IOException {
        assertSameReport(new SparkReplay(sc, 0).run(log, null, false), AuditLogReplay.replay(log, engine, 2));
    }

    @Test
    @DisplayName("an edited record breaks the chain: refused, naming the line; with a broken chain allowed, the same "
            + "report as replay, which says where the chain breaks")
    void brokenChain_refused_orReplayedAlike() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        int at = lines.size() / 2;
        ObjectNode edited = (ObjectNode) JSON.readTree(lines.get(at));
        edited.putArray("firedRules");
        lines.set(at, edited.toString());
        Path changed = temp.resolve("edited.jsonl");
        Files.write(changed, lines);
        Files.copy(log.resolveSibling(log.getFileName() + ".head"), changed.resolveSibling("edited.jsonl.head"));

        assertThatThrownBy(() -> new SparkReplay(sc, 2).run(changed, OlderRulesLog.KEY, false))
                .isInstanceOf(ScreeningException.class).hasMessageContaining("does not verify")
                .hasMessageContaining("line " + (at + 1));
        ObjectNode sparked = new SparkReplay(sc, 2).run(changed, OlderRulesLog.KEY, true);
        assertThat(sparked.path("chain").path("brokenLine").asLong()).isEqualTo(at + 1);
        assertSameReport(sparked, AuditLogReplay.replay(changed, engine, 2, OlderRulesLog.KEY, true));
    }

    @Test
    @DisplayName("a line that is not JSON in a log replayed with a broken chain allowed fails the replay as replay "
            + "fails; a missing log and a file Hadoop would skip are refused")
    void notJson_missing_hidden_refused() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.add(lines.size() - 5, "not json");
        Path garbled = temp.resolve("garbled.jsonl");
        Files.write(garbled, lines);

        assertThatThrownBy(() -> AuditLogReplay.replay(garbled, engine, 2, null, true))
                .isInstanceOf(IOException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> new SparkReplay(sc, 2).run(garbled, null, true))
                .isInstanceOf(IOException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> new SparkReplay(sc, 2).run(temp.resolve("missing.jsonl"), null, false))
                .isInstanceOf(ScreeningException.class).hasMessageContaining("does not exist");
        Path hidden = Files.copy(log, temp.resolve("_audit.jsonl"));
        assertThatThrownBy(() -> new SparkReplay(sc, 2).run(hidden, null, true))
                .isInstanceOf(ScreeningException.class).hasMessageContaining("rename it");
    }
}
