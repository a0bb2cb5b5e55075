package org.twitchtriage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.batch.AuditLogReplay;
import org.twitchtriage.batch.ReplayHtml;
import org.twitchtriage.batch.ReplayTally;
import org.twitchtriage.engine.TriageEngine;
import picocli.CommandLine;

/**
 * {@code spark-replay}'s command line, as {@code twitch-triage replay}'s: the report on standard output and the page
 * with {@code --html}, exit 3 when a decision would differ; a log that does not verify, a missing log or a short key
 * refused with exit 2 and a message, before Spark starts. Makes its own {@code local[1]} context, once.
 */
class SparkReplayCommandTest {
    private static TriageEngine engine;
    private static Path log;

    @TempDir
    static Path temp;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void writeLog() throws IOException {
        // the command's own rules: the executors' knowledge base of this JVM (local mode)
        engine = ExecutorKnowledgeBase.engine();
        log = OlderRulesLog.write(Files.createDirectories(temp.resolve("run")), engine, 120);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SparkReplayCommand command = new SparkReplayCommand();
        command.environment = Map.of();
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("a log with differing decisions: exit 3, the report and the page of replay (every differing record "
            + "listed and equal), MACs checked")
    void differing_exit3_sameReportAndPage() throws IOException {
        Path key = Files.write(temp.resolve("audit.key"), OlderRulesLog.KEY);
        Path html = temp.resolve("replay.html");

        Run r = run(log.toString(), "--html", html.toString(), "--audit-key-file", key.toString(), "--master",
                "local[1]", "--partitions", "2");

        JsonNode replayed = AuditLogReplay.replay(log, engine, 2, OlderRulesLog.KEY, false);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(SparkReplayCommand.EXIT_DIFFERING);
        assertThat(replayed.path("differing").asLong()).as("differing records, all of them listed: compared record "
                + "by record").isPositive().isLessThanOrEqualTo(ReplayTally.EXAMPLES)
                .isEqualTo(replayed.path("examples").size());
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(r.out())).as("the report, parsed").isEqualTo(json.readTree(replayed.toString()));
        assertThat(r.out()).as("the report as printed").isEqualTo(replayed.toPrettyString() + System.lineSeparator());
        assertThat(Files.readString(html)).isEqualTo(ReplayHtml.page(replayed));
    }

    @Test
    @DisplayName("an edited log, a missing log and a short key: exit 2 with a message, no stack trace")
    void brokenChain_missingLog_shortKey_refused() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(3);
        Path edited = Files.write(temp.resolve("edited.jsonl"), lines);
        Files.copy(log.resolveSibling(log.getFileName() + ".head"), temp.resolve("edited.jsonl.head"));
        Path shortKey = Files.writeString(temp.resolve("short.key"), "too short");

        Run broken = run(edited.toString());
        Run missing = run(temp.resolve("missing.jsonl").toString());
        Run key = run(log.toString(), "--audit-key-file", shortKey.toString());

        assertThat(broken.exitCode()).isEqualTo(SparkReplayCommand.EXIT_INVALID);
        assertThat(broken.err()).contains("does not verify").contains("line 4").contains("--allow-broken-chain")
                .doesNotContain("at org.");
        assertThat(missing.exitCode()).isEqualTo(SparkReplayCommand.EXIT_INVALID);
        assertThat(missing.err()).contains("does not exist").doesNotContain("at org.");
        assertThat(key.exitCode()).isEqualTo(SparkReplayCommand.EXIT_INVALID);
        assertThat(key.err()).contains("at least 32 bytes").doesNotContain("at org.");
    }
}
