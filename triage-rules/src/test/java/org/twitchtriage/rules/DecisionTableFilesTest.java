package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.authoring.tables.DecisionTableSources;
import org.twitchtriage.authoring.tables.DecisionTables;
import org.twitchtriage.authoring.tables.TableCells;

/**
 * Decision tables are kept twice: as CSV in {@code src/decision-tables} (reviewed and diffed) and as the workbook the
 * build compiles, generated from the CSV. The two must hold the same cells and compile to the same rules.
 */
@DisplayName("Decision tables: the workbook the build compiles matches its CSV")
class DecisionTableFilesTest {
    private static final Path TABLES = Path.of("src", "decision-tables");
    private static final Path RESOURCES = Path.of("src", "main", "resources");
    private static final String REGENERATE = "regenerate with: java -cp triage-examples/target/twitch-triage.jar"
            + " org.twitchtriage.examples.docs.GenerateDecisionTables";

    private static List<Path> csvs;

    @BeforeAll
    static void findTables() throws IOException {
        try (Stream<Path> list = Files.list(TABLES)) {
            csvs = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }

    @Test
    @DisplayName("each CSV table has its workbook, holding exactly the same cells (read with Apache POI)")
    void workbook_holdsTheCsvCells() {
        assertThat(csvs).isNotEmpty();
        for (Path csv : csvs) {
            List<List<String>> cells = TableCells.readCsv(csv);
            Path workbook = DecisionTableSources.workbookFor(csv, cells, RESOURCES);

            assertThat(workbook).as("workbook for %s; %s", csv, REGENERATE).exists();
            assertThat(TableCells.readWorkbook(workbook)).as("cells of %s against %s; %s", workbook, csv, REGENERATE)
                    .isEqualTo(cells);
        }
    }

    @Test
    @DisplayName("every decision table the build compiles is generated from a CSV table")
    void everyCompiledTable_hasItsCsv() throws IOException {
        List<Path> generated = new ArrayList<>();
        for (Path csv : csvs) {
            generated.add(DecisionTableSources.workbookFor(csv, TableCells.readCsv(csv), RESOURCES).normalize());
        }
        try (Stream<Path> walk = Files.walk(RESOURCES)) {
            assertThat(walk.filter(p -> DecisionTables.isDecisionTable(p.getFileName().toString()))
                    .map(Path::normalize).toList())
                    .as("decision tables in %s (a .drl.csv there would be compiled twice)", RESOURCES)
                    .containsExactlyInAnyOrderElementsOf(generated);
        }
    }

    @Test
    @DisplayName("workbook and CSV compile to the same DRL")
    void workbookAndCsv_compileAlike() throws IOException {
        for (Path csv : csvs) {
            Path workbook = DecisionTableSources.workbookFor(csv, TableCells.readCsv(csv), RESOURCES);
            String fromCsv = DecisionTables.toDrl(csv.getFileName().toString(),
                    Files.readString(csv, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));

            assertThat(DecisionTables.toDrl(workbook)).as("%s against %s", workbook, csv).isEqualTo(fromCsv)
                    .contains("rule \"");
        }
    }

    @Test
    @DisplayName("referral table: every row names one body site or any site, its red flags, referral and urgency")
    void referralRows_areComplete() {
        List<List<String>> cells = TableCells.readCsv(TABLES.resolve("referral.csv"));
        int labels = labelRow(cells);
        List<String> header = cells.get(labels);
        int any = header.indexOf("Any body site");
        int only = header.indexOf("Only at body site");
        assertThat(any).as("column 'Any body site'").isNotNegative();
        assertThat(only).as("column 'Only at body site'").isNotNegative();
        List<String> kinds = cells.get(labels - 3);
        List<List<String>> rows = cells.subList(labels + 1, cells.size());
        assertThat(rows).isNotEmpty();
        for (List<String> row : rows) {
            String rule = cell(row, 0);
            assertThat(cell(row, any).isEmpty() == cell(row, only).isEmpty())
                    .as("'%s' must fill exactly one of 'Any body site' and 'Only at body site'", rule).isFalse();
            if (!cell(row, any).isEmpty()) {
                assertThat(cell(row, any)).as("'%s': Any body site", rule).isEqualTo("yes");
            }
            for (int c = 0; c < kinds.size(); c++) {
                String kind = kinds.get(c);
                // a rule that stays within its passages leaves "Beyond the guideline" (its @extension) empty
                boolean required = kind.equals("NAME") || kind.equals("ACTION")
                        || (kind.equals("METADATA") && !header.get(c).equals("Beyond the guideline"))
                        || (kind.equals("CONDITION") && c != any && c != only);
                if (required) {
                    assertThat(cell(row, c)).as("'%s': %s", rule, header.get(c)).isNotBlank();
                }
            }
        }
    }

    private static int labelRow(List<List<String>> cells) {
        for (int r = 0; r < cells.size(); r++) {
            if (!cells.get(r).isEmpty() && cells.get(r).get(0).startsWith("RuleTable")) {
                return r + 4;
            }
        }
        throw new AssertionError("no RuleTable row");
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column) : "";
    }
}
