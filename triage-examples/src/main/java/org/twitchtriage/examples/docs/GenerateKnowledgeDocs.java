package org.twitchtriage.examples.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.twitchtriage.authoring.catalog.KnowledgeDocs;
import org.twitchtriage.authoring.dsl.DslReference;
import org.twitchtriage.authoring.html.RuleCatalogueHtml;
import org.twitchtriage.authoring.source.SourceFolder;
import org.twitchtriage.guideline.Guideline;

/**
 * Writes {@code docs/guideline-coverage.md}, {@code docs/rule-catalogue.md}, {@code docs/rule-language.md} (every
 * sentence of the rule language) and the self-contained HTML catalogue {@code docs/rule-catalogue.html} from the
 * rule files of a checkout.
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
    public static final String HTML_CATALOGUE_FILE = "docs/rule-catalogue.html";
    /** The rule language, relative to the rules folder. */
    public static final String DSL = "org/twitchtriage/rules/twitch-triage.dsl";
    /** The reference of the rule language's sentences, relative to the repository root. */
    public static final String LANGUAGE_FILE = "docs/rule-language.md";

    private GenerateKnowledgeDocs() {
    }

    /** @return the documents for the checkout at {@code repoRoot} */
    public static KnowledgeDocs load(Path repoRoot) throws IOException {
        Path rules = repoRoot.resolve(RULES_DIR);
        return new KnowledgeDocs(Guideline.muscleTwitching(), SourceFolder.at(rules).rules(),
                KnowledgeDocs.parseDescriptive(Files.readString(rules.resolve(DESCRIPTIVE), StandardCharsets.UTF_8)));
    }

    /** @return the reference of the rule language's sentences for the checkout at {@code repoRoot} */
    public static String ruleLanguage(Path repoRoot) throws IOException {
        String dsl = RULES_DIR + "/" + DSL;
        return DslReference.markdown(dsl, Files.readString(repoRoot.resolve(dsl), StandardCharsets.UTF_8));
    }

    /**
     * @param rulesRoot a rules folder: a checkout's {@value #RULES_DIR}, or the root of the kjar opened as a file
     *                  system
     * @return the HTML rule catalogue for the rules below it, with the reasons of its descriptive passages if it has
     *         a list of them
     */
    public static RuleCatalogueHtml htmlCatalogue(Path rulesRoot) throws IOException {
        Path descriptive = rulesRoot.resolve(DESCRIPTIVE);
        Map<String, String> reasons = Files.exists(descriptive)
                ? KnowledgeDocs.parseDescriptive(Files.readString(descriptive, StandardCharsets.UTF_8))
                : Map.of();
        return RuleCatalogueHtml.read(rulesRoot, Guideline.muscleTwitching(), reasons);
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
        Files.writeString(root.resolve(HTML_CATALOGUE_FILE), htmlCatalogue(root.resolve(RULES_DIR)).render(),
                StandardCharsets.UTF_8);
        Files.writeString(root.resolve(LANGUAGE_FILE), ruleLanguage(root), StandardCharsets.UTF_8);
        System.out.println("wrote " + COVERAGE_FILE + ", " + CATALOGUE_FILE + ", " + HTML_CATALOGUE_FILE + " and "
                + LANGUAGE_FILE);
    }
}
