package org.twitchtriage.examples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.twitchtriage.authoring.tables.DecisionTableSources;

/**
 * Writes the decision-table workbooks the build compiles from the CSV tables kept for review: every
 * {@code triage-rules/src/decision-tables/NAME.csv} becomes {@code NAME.drl.xlsx} in the folder of its package below
 * {@code triage-rules/src/main/resources}. Run from the repository root after editing a CSV:
 * {@code java -cp triage-examples/target/twitch-triage.jar
 * org.twitchtriage.examples.docs.GenerateDecisionTables [REPO_ROOT]}.
 */
public final class GenerateDecisionTables {
    /** Folder of the CSV tables, relative to the repository root. */
    public static final String TABLES_DIR = "triage-rules/src/decision-tables";

    private GenerateDecisionTables() {
    }

    /**
     * @param repoRoot the checkout
     * @return the workbooks written
     */
    public static List<Path> generate(Path repoRoot) throws IOException {
        Path rules = repoRoot.resolve(GenerateKnowledgeDocs.RULES_DIR);
        try (Stream<Path> csvs = Files.list(repoRoot.resolve(TABLES_DIR))) {
            return csvs.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted()
                    .map(csv -> DecisionTableSources.generate(csv, rules)).toList();
        }
    }

    /**
     * @param args optional repository root (default: the current directory)
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        for (Path written : generate(root)) {
            System.out.println("wrote " + root.relativize(written));
        }
    }
}
