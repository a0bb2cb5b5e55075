package org.twitchtriage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.examples.docs.GenerateKnowledgeDocs;

@DisplayName("twitch-triage catalogue")
class CatalogueCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** What one run of the command produced. */

    private static CliRun run(String... args) {
        return CliRun.of(new TriageCommand(() -> {
            throw new AssertionError("the catalogue needs no engine");
        }), args);
    }

    private static String committed() throws IOException {
        return Files.readString(ROOT.resolve(GenerateKnowledgeDocs.HTML_CATALOGUE_FILE), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("--out writes the page for the knowledge base on the class path: the committed catalogue")
    void writesTheKnowledgeBasesCatalogue(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("review/catalogue.html");

        CliRun r = run("catalogue", "--out", file.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
        assertThat(r.err()).isEmpty();
        int rules = TriageEngine.create().rules().size();
        assertThat(r.out()).isEqualTo("Wrote the rule catalogue (" + rules + " rules) to " + file + "\n");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(committed());
    }

    @Test
    @DisplayName("without --out the page goes to standard output; --rules reads a folder of rule files")
    void printsThePageForAFolder() throws IOException {
        CliRun r = run("catalogue", "--rules", ROOT.resolve(GenerateKnowledgeDocs.RULES_DIR).toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
        assertThat(r.out()).startsWith("<!DOCTYPE html>").isEqualTo(committed());
    }

    @Test
    @DisplayName("a --rules folder that does not exist is invalid input")
    void missingRulesFolder(@TempDir Path dir) {
        CliRun r = run("catalogue", "--rules", dir.resolve("nowhere").toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--rules: not a folder: " + dir.resolve("nowhere"));
    }

    @Test
    @DisplayName("a rule file the rule language cannot read is invalid input, naming the file")
    void brokenRuleFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.dsl"), "[when]there is a twitch=$t : Twitch()\n");
        Files.writeString(dir.resolve("calf.dslr"), "package x.calf;\nexpander a.dsl\nrule \"r\"\n@id(\"R\")\n"
                + "when\n    there is a headache\nthen\nend\n");

        CliRun r = run("catalogue", "--rules", dir.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("--rules: cannot read the rules below").contains("calf.dslr");
    }
}
