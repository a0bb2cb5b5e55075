package org.twitchtriage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.TriageEngine;

class ScreenCommandTest {
    private static final TriageEngine ENGINE = TriageEngine.create();
    private static final String KEY = "test-key-0123456789-0123456789-0123456789";

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(new TriageCommand(() -> ENGINE)
                .withEnvironment(Map.of(AuditOptions.KEY_VARIABLE, KEY)), args);
    }

    @Test
    @DisplayName("generate then screen: a summary on standard output, progress on standard error, files written")
    void generateThenScreen() throws Exception {
        CliRun gen = run("generate", dir.resolve("pop").toString(), "--patients", "120", "--seed", "4",
                "--bad-rate", "0.1", "--date", "2026-01-05");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        CliRun screen = run("screen", dir.resolve("pop").toString(), "--out", dir.resolve("out").toString(),
                "--date", "2026-01-05", "--progress", "lines", "--audit-log", dir.resolve("audit.jsonl").toString(),
                "--capture-input");
        assertThat(screen.exitCode()).as(screen.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(screen.out());
        assertThat(summary.path("records").asLong()).isGreaterThanOrEqualTo(120);
        assertThat(summary.path("errors").asLong()).isPositive();
        assertThat(screen.err()).contains("progress: ").contains("records");
        assertThat(Files.readAllLines(dir.resolve("out/decisions.ndjson"))).hasSize(summary.path("decided").asInt());
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).hasSizeGreaterThanOrEqualTo(
                summary.path("decided").asInt());

        CliRun again = run("screen", dir.resolve("pop").toString(), "--out", dir.resolve("out").toString());
        assertThat(again.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(again.err()).contains("--resume").doesNotContain("Exception");
        CliRun resumed = run("screen", dir.resolve("pop").toString(), "--out", dir.resolve("out").toString(),
                "--resume", "--progress", "none");
        assertThat(resumed.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(resumed.out())).isEqualTo(summary);

        CliRun replay = run("replay", dir.resolve("audit.jsonl").toString(), "--html",
                dir.resolve("r.html").toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(replay.out());
        assertThat(report.path("replayed").asLong()).isEqualTo(summary.path("decided").asLong());
        assertThat(report.path("differing").asLong()).isZero();
        assertThat(Files.readString(dir.resolve("r.html"))).contains("<h1>").contains("replayed");
    }

    @Test
    @DisplayName("a missing input is invalid input, named, without a stack trace")
    void missingInput() {
        CliRun r = run("screen", dir.resolve("nothing").toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("does not exist").doesNotContain("at org.");
    }

    @Test
    @DisplayName("the progress bar shows share, counts, rate and time left; plain lines off a terminal")
    void progressDisplay() {
        StringWriter bar = new StringWriter();
        long[] now = {0};
        ProgressDisplay d = new ProgressDisplay(new PrintWriter(bar), true, () -> now[0], "records");
        d.update(1, 0, 1000);
        assertThat(bar.toString()).as("not redrawn within a quarter second").isEmpty();
        now[0] = 2_000_000_000L;
        d.update(501, 3, 1000);
        assertThat(bar.toString()).startsWith("\r").contains("50.1%").contains("501/1,000 records")
                .contains("251/s").contains("ETA 0m02s").contains("3 with errors");
        StringWriter lines = new StringWriter();
        ProgressDisplay l = new ProgressDisplay(new PrintWriter(lines), false, () -> now[0], "records");
        now[0] += 1_000_000_000L;
        l.update(10, 0, -1);
        assertThat(lines.toString()).as("nothing before %d s", ProgressDisplay.LINE_SECONDS).isEmpty();
        now[0] += 10_000_000_000L;
        l.update(20, 0, -1);
        assertThat(lines.toString()).startsWith("progress: 20 records").contains("ETA ?");
    }

    @Test
    @DisplayName("the rate and the time left count from the first record, not from the sort before it")
    void progressDisplay_rateAfterALongSort() {
        StringWriter bar = new StringWriter();
        long[] now = {0};
        ProgressDisplay d = new ProgressDisplay(new PrintWriter(bar), true, () -> now[0], "records");
        now[0] = 60_000_000_000L;  // a minute of reading and sorting before the first record is done
        d.update(1, 0, 1000);
        assertThat(bar.toString()).as("no rate from a single record").isEmpty();
        now[0] += 2_000_000_000L;
        d.update(500, 0, 1000);
        assertThat(bar.toString()).contains("250/s").contains("ETA 0m02s");
    }
}
