package org.twitchtriage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.DecisionWriter;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.testkit.fuzz.FuzzRun;
import org.twitchtriage.testkit.fuzz.HostileJson;
import org.twitchtriage.validation.SafeText;
import org.twitchtriage.validation.Violation;
import picocli.CommandLine;

/**
 * Hostile case files through the code path of {@code twitch-triage evaluate FILE} (and {@code --json}), in process:
 * the file is read from disk by the command ({@code RequestReader}, {@code JsonBinder}, {@code CaseFile},
 * {@code RequestValidator}), decided by the bundled knowledge base and printed. Documents are the bundled cases made
 * hostile by {@link HostileJson}. Every 20th document runs the whole command; the others its steps
 * ({@code CaseFiles}, the engine, {@link DecisionWriter} or {@code TextReport}), which is cheaper. Every one must end
 * within the deadline in a decision (exit 0) or in named errors (exit 2, each line {@code field: message}), never in
 * an internal error or an exception; no output may quote the patient's reference, no error a twitch id; output holds
 * no control or bidirectional character and errors stay bounded in length.
 *
 * <p>Inputs: {@code jqwik.tries.default}, a few hundred by default, 100,000 with {@code -Pproperties-ci}. The counts
 * go to {@code target/fuzz-case-file.txt} (recorded in docs/reliability.md).
 */
class CaseFileFuzzTest {
    private static final Path CASES = Path.of(System.getProperty("basedir", ".")).resolve("cases");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TriageEngine ENGINE = TriageEngine.create();
    private static final FuzzRun RUN = new FuzzRun("case file (twitch-triage evaluate FILE)", FuzzRun.deadline(30_000));
    private static final Pattern PROBLEM = Pattern.compile("  \\S[^:]{0,200}: \\S.*");
    private static final int MAX_LINE = 400;

    private final HostileJson hostile = new HostileJson(seeds(),
            (parent, field) -> field.equals("reference"), (parent, field) -> field.equals("id"));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine cli = TriageCommand.commandLine(new TriageCommand(() -> ENGINE));
    private final Path file;
    private long inputs;

    CaseFileFuzzTest() throws IOException {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        file = Files.createTempFile("fuzz-case", ".json");
        file.toFile().deleteOnExit();
    }

    private static List<JsonNode> seeds() {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return MAPPER.readTree(f.toFile());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> documents() {
        return Arbitraries.randomValue(hostile::document);
    }

    @Property(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
    @Label("A hostile case file ends in a decision or named errors, in time, without quoting an id or the reference")
    void hostileCaseFile_endsInDecisionOrNamedError(@ForAll("documents") byte[] document, @ForAll boolean json)
            throws IOException {
        Files.write(file, document);
        // every 20th input runs the whole command (exit code, standard error); the rest its steps, which is cheaper
        boolean wholeCommand = ++inputs % 20 == 0;
        String outcome = RUN.run(() -> wholeCommand ? evaluate(json) : evaluateSteps(json),
                () -> HostileJson.describe(document));
        Statistics.label("outcome").collect(outcome);
    }

    /** What {@code evaluate} does, without parsing a command line: read the file, decide, print. */
    private String evaluateSteps(boolean json) {
        TriageRequest request;
        try {
            request = CaseFiles.read(file);
        } catch (CaseFileException e) {
            String text = e.getMessage() + "\n" + e.violations().stream().map(v -> "  " + v.field() + ": "
                    + v.message()).collect(Collectors.joining("\n"));
            assertThat(e.violations()).as("the problems of %s", file).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.field()).isNotBlank())
                    .allSatisfy(v -> assertThat(v.message()).isNotBlank());
            checkErrorText(text);
            Violation first = e.violations().get(0);
            return "named error: " + kind("  " + first.field() + ": " + first.message());
        }
        TriageDecision decision = ENGINE.evaluate(request);
        StringWriter printed = new StringWriter();
        if (json) {
            printed.write(new DecisionWriter().write(decision));
        } else {
            new TextReport(new PrintWriter(printed)).print(decision);
        }
        String stdout = printed.toString();
        assertThat(stdout).as("a decision is printed").isNotBlank().doesNotContain(HostileJson.SECRET_MARKER);
        assertSafe(stdout, "standard output");
        return "decided";
    }

    private static void checkErrorText(String text) {
        assertThat(text).as("errors quote neither the reference nor a twitch id")
                .doesNotContain(HostileJson.SECRET_MARKER).doesNotContain(HostileJson.ID_MARKER);
        assertThat(text.lines()).as("a heading, at most 100 problems and a count").hasSizeBetween(2, 104)
                .allMatch(l -> l.length() <= MAX_LINE, "lines of at most " + MAX_LINE + " characters");
    }

    private String evaluate(boolean json) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        int exit = json ? cli.execute("evaluate", "--json", file.toString()) : cli.execute("evaluate", file.toString());
        String stdout = out.toString();
        String stderr = err.toString();
        assertThat(stdout + stderr).as("no output quotes the patient's reference")
                .doesNotContain(HostileJson.SECRET_MARKER);
        assertSafe(stdout, "standard output");
        assertSafe(stderr, "standard error");
        if (exit == TriageCommand.EXIT_DECIDED) {
            assertThat(stdout).as("a decision is printed").isNotBlank();
            assertThat(stderr).as("nothing on standard error with a decision").isEmpty();
            return "decided";
        }
        assertThat(exit).as("exit code (0 decided, 2 invalid input); standard error:%n%s", stderr)
                .isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(stdout).as("no decision with an error").isEmpty();
        checkErrorText(stderr);
        List<String> problems = stderr.lines().filter(l -> l.startsWith("  ")).toList();
        assertThat(problems).as("each problem names its field: %n%s", stderr).isNotEmpty()
                .allMatch(l -> PROBLEM.matcher(l).matches());
        return "named error: " + kind(problems.get(0));
    }

    private static void assertSafe(String text, String what) {
        assertThat(text.codePoints().filter(c -> c != '\n' && SafeText.isUnsafe(c)).findFirst())
                .as("no control or bidirectional character on %s", what).isEmpty();
    }

    /** The class of a problem, from its message (first match wins). */
    static String kind(String problem) {
        String m = problem.substring(problem.indexOf(": ") + 2);
        String[][] kinds = {{"JSON beyond the accepted size", "JSON beyond the parser's bounds"},
            {"after the end of the JSON value", "content after the document"}, {"malformed JSON", "malformed JSON"},
            {"empty", "empty document"}, {"unknown field", "unknown field"}, {"unknown value", "unknown code"},
            {"out of range", "number beyond bounds"}, {"digits", "number beyond bounds"},
            {"too long", "id or reference too long"}, {"at most", "too many entries"}, {"twice", "duplicate"},
            {"duplicate", "duplicate"}, {"is missing", "missing value"}, {"at least one", "missing value"},
            {", was", "wrong type or value"}};
        for (String[] k : kinds) {
            if (m.contains(k[0])) {
                return k[1];
            }
        }
        return "other invalid content";
    }

    @AfterContainer
    static void report() {
        RUN.writeReport(Path.of(System.getProperty("basedir", "."), "target", "fuzz-case-file.txt"));
        System.out.print(RUN.report());
        RUN.close();
    }
}
