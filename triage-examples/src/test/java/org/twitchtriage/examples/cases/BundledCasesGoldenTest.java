package org.twitchtriage.examples.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.json.DecisionWriter;

/**
 * Golden files for the bundled cases: for every case file {@code triage-examples/cases/X.json} (found by listing the
 * folder, so a new case is picked up without touching this test), the decision the knowledge base makes on it is
 * compared, as a whole, with the committed golden file {@code triage-examples/cases/expected/X.decision.json}. The
 * golden file holds what {@code twitch-triage evaluate --json X.json} prints ({@link DecisionWriter}): highest
 * urgency, every finding with its reasons, passages and rules, and every rule firing in order.
 *
 * <p><b>Not compared:</b> {@code knowledgeBase.releaseId} and {@code knowledgeBase.rulesSha256}. They identify the
 * build of the rules and change with every rule edit (and every release) even when no decision changes, so both are
 * set to the empty string on both sides before comparing, and the golden files are written with them empty. Every
 * other field, including {@code knowledgeBase.ruleCount} and the order of fields and list entries, is compared.
 *
 * <p>A difference fails the case with the differing JSON paths (golden and current value) and a line diff with
 * line numbers. A case without a golden file fails and says how to create one; a golden file without its case fails
 * too.
 *
 * <p><b>Regenerating.</b> Golden files are only ever rewritten on request, by running the build with the system
 * property {@value #UPDATE_PROPERTY}:
 *
 * <pre>
 * mvn -B verify -pl triage-examples -am -Dgolden.update=true
 * </pre>
 *
 * <p>Then every golden file whose content differs is rewritten (and missing ones are created), and the comparison is
 * skipped for that run. Read the resulting diff and check each changed decision against the guideline before
 * committing: a golden file records what the rules decide, not what is right. {@code cases/README.md} says the same
 * and lists the cases.
 */
class BundledCasesGoldenTest {
    /** System property that makes this test rewrite the golden files instead of comparing with them. */
    static final String UPDATE_PROPERTY = "golden.update";
    static final String UPDATE_COMMAND = "mvn -B verify -pl triage-examples -am -D" + UPDATE_PROPERTY + "=true";

    private static final boolean UPDATE = Boolean.getBoolean(UPDATE_PROPERTY);
    private static final List<String> IDENTITY_FIELDS = List.of("releaseId", "rulesSha256");
    private static final int MAX_PATHS_SHOWN = 25;
    private static final int MAX_DIFF_LINES = 60;

    private static final DecisionWriter WRITER = new DecisionWriter();
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The layout {@link DecisionWriter} uses, so that line numbers in a diff are those of the golden file. */
    private static final ObjectWriter LAYOUT = layout();

    private static ObjectWriter layout() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return MAPPER.writer(printer);
    }

    static Stream<String> caseNames() {
        return BundledCases.names().stream();
    }

    @Test
    @DisplayName("the case folder is found and holds the case the README runs")
    void caseFolder_holdsTheBundledCases() {
        assertThat(BundledCases.names())
                .as("case files in %s", BundledCases.FOLDER.toAbsolutePath())
                .contains("pregnant-calf.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("the whole decision on a bundled case equals its golden file, knowledge-base identity aside")
    void decision_equalsGoldenFile(String caseName, TestReporter reporter) throws IOException {
        TriageDecision decision = BundledCases.decision(caseName);
        Path golden = BundledCases.golden(caseName);

        if (UPDATE) {
            String text = WRITER.write(withoutIdentity(decision));
            if (!Files.isRegularFile(golden) || !Files.readString(golden).equals(text)) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, text);
                reporter.publishEntry("golden file rewritten", golden.toString());
            }
            return;
        }

        if (!Files.isRegularFile(golden)) {
            fail("Bundled case '%s' has no golden file: expected %s.%nCreate it with%n  %s%nthen read it and check "
                    + "the decision against the guideline before committing it.", caseName, relative(golden),
                    UPDATE_COMMAND);
        }
        JsonNode expected = blankIdentity(readGolden(golden));
        JsonNode actual = blankIdentity(WRITER.toTree(decision));
        List<String> differences = GoldenDiff.paths(expected, actual);
        if (!differences.isEmpty()) {
            fail(report(caseName, golden, differences, expected, actual));
        }
    }

    @Test
    @DisplayName("every golden file belongs to a bundled case")
    void everyGoldenFile_hasItsCase() {
        List<String> orphans = BundledCases.goldenNames().stream()
                .filter(g -> !g.endsWith(BundledCases.GOLDEN_SUFFIX)
                        || !Files.isRegularFile(BundledCases.file(BundledCases.caseOf(g))))
                .toList();

        assertThat(orphans)
                .withFailMessage("Golden files in %s without their case (X.decision.json belongs to cases/X.json): "
                        + "%s%nDelete them, or restore their cases.", relative(BundledCases.GOLDEN_FOLDER), orphans)
                .isEmpty();
    }

    @Test
    @DisplayName("cases/README.md describes every bundled case")
    void readme_listsEveryCase() throws IOException {
        String readme = Files.readString(BundledCases.FOLDER.resolve("README.md"));

        List<String> unlisted = BundledCases.names().stream().filter(n -> !readme.contains("`" + n + "`")).toList();

        assertThat(unlisted)
                .withFailMessage("cases/README.md does not describe these bundled cases: %s%nAdd a line with the "
                        + "file name in backticks and one sentence on the clinical situation.", unlisted)
                .isEmpty();
        assertThat(readme).as("cases/README.md gives the regeneration command").contains(UPDATE_COMMAND);
    }

    /** The decision as the golden file stores it: the knowledge base's build identity left empty. */
    private static TriageDecision withoutIdentity(TriageDecision d) {
        KnowledgeBaseInfo kb = d.knowledgeBase();
        return new TriageDecision(d.findings(), d.highestUrgency(), d.firedRules(),
                new KnowledgeBaseInfo("", kb.kieBase(), kb.ruleCount(), ""));
    }

    /** Empties the identity fields where they are present, keeping their position. */
    private static JsonNode blankIdentity(JsonNode decision) {
        JsonNode copy = decision.deepCopy();
        if (copy.get("knowledgeBase") instanceof ObjectNode kb) {
            IDENTITY_FIELDS.stream().filter(kb::has).forEach(f -> kb.put(f, ""));
        }
        return copy;
    }

    private static JsonNode readGolden(Path golden) throws IOException {
        try {
            return MAPPER.readTree(Files.readString(golden));
        } catch (JsonProcessingException e) {
            return fail("Golden file %s is not valid JSON (%s).%nRegenerate it with%n  %s", relative(golden),
                    e.getOriginalMessage(), UPDATE_COMMAND);
        }
    }

    private static String report(String caseName, Path golden, List<String> differences, JsonNode expected,
                                 JsonNode actual) throws JsonProcessingException {
        StringBuilder out = new StringBuilder();
        out.append("The decision on bundled case '").append(caseName).append("' differs from its golden file ")
                .append(relative(golden)).append("\n(knowledgeBase.releaseId and knowledgeBase.rulesSha256 are not "
                        + "compared).\n\n");
        out.append(differences.size()).append(differences.size() == 1 ? " difference" : " differences")
                .append(" by JSON path:\n");
        differences.stream().limit(MAX_PATHS_SHOWN).forEach(d -> out.append("  ").append(d).append('\n'));
        if (differences.size() > MAX_PATHS_SHOWN) {
            out.append("  ... and ").append(differences.size() - MAX_PATHS_SHOWN).append(" more\n");
        }
        out.append("\nLine diff (- golden file, + current decision; line numbers of the golden file, "
                + "of the current decision on + lines):\n");
        List<String> goldenLines = LAYOUT.writeValueAsString(expected).lines().toList();
        List<String> actualLines = LAYOUT.writeValueAsString(actual).lines().toList();
        GoldenDiff.lines(goldenLines, actualLines, MAX_DIFF_LINES).forEach(l -> out.append("  ").append(l)
                .append('\n'));
        out.append("\nIf the new decision is intended and clinically right, regenerate the golden files with\n  ")
                .append(UPDATE_COMMAND).append("\nand review their diff before committing.");
        return out.toString();
    }

    /** The path as a reader finds it from the module folder, e.g. {@code cases/expected/X.decision.json}. */
    private static Path relative(Path path) {
        Path base = BundledCases.FOLDER.getParent();
        return base == null ? path : base.relativize(path);
    }
}
