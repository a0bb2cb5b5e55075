package org.twitchtriage.examples.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.twitchtriage.authoring.catalog.KnowledgeDocs;
import org.twitchtriage.authoring.catalog.RuleSourceParser;
import org.twitchtriage.authoring.dsl.DslReference;
import org.twitchtriage.guideline.Guideline;

/**
 * Writes {@code docs/guideline-coverage.md}, {@code docs/rule-catalogue.md} and {@code docs/rule-language.md} (every
 * sentence of the rule language) from the rule files of a checkout.
 * Run from the repository root: {@code java -cp triage-examples/target/twitch-triage.jar
 * org.twitchtriage.examples.docs.GenerateKnowledgeDocs [REPO_ROOT]}.
 */
public final class GenerateKnowledgeDocs {
    /** Folder of the rule files, relative to the repository root. */
    public static final String RULES_DIR = "triage-rules/src/main/resources";
    /** The list of descriptive passages, relative to the rules folder. */
    public static final String DESCRIPTIVE = "org/twitchtriage/rules/descriptive-passages.tsv";
    public static final String COVERAGE_FILE = "docs/guideline-coverage.md";
    public static final String CATALOGUE_FILE = "docs/rule-catalogue.md";
    /** The rule language, relative to the rules folder. */
    public static final String DSL = "org/twitchtriage/rules/twitch-triage.dsl";
    /** The reference of the rule language's sentences, relative to the repository root. */
    public static final String LANGUAGE_FILE = "docs/rule-language.md";

    private GenerateKnowledgeDocs() {
    }

    /** @return the documents for the checkout at {@code repoRoot} */
    public static KnowledgeDocs load(Path repoRoot) throws IOException {
        Path rules = repoRoot.resolve(RULES_DIR);
        return new KnowledgeDocs(Guideline.muscleTwitching(), RuleSourceParser.parseTree(rules),
                KnowledgeDocs.parseDescriptive(Files.readString(rules.resolve(DESCRIPTIVE), StandardCharsets.UTF_8)));
    }

    /** @return the reference of the rule language's sentences for the checkout at {@code repoRoot} */
    public static String ruleLanguage(Path repoRoot) throws IOException {
        String dsl = RULES_DIR + "/" + DSL;
        return DslReference.markdown(dsl, Files.readString(repoRoot.resolve(dsl), StandardCharsets.UTF_8));
    }

    /**
     * @param args optional repository root (default: the current directory)
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        KnowledgeDocs docs = load(root);
        List<String> problems = docs.problems();
        if (!problems.isEmpty()) {
            System.err.println("guideline coverage has problems:");
            problems.forEach(p -> System.err.println("  " + p));
            System.exit(2);
        }
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve(COVERAGE_FILE), docs.coverageReport(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve(CATALOGUE_FILE), docs.ruleCatalogue(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve(LANGUAGE_FILE), ruleLanguage(root), StandardCharsets.UTF_8);
        System.out.println("wrote " + COVERAGE_FILE + ", " + CATALOGUE_FILE + " and " + LANGUAGE_FILE);
    }
}
