package org.twitchtriage.authoring.tables;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Decision tables kept as CSV for review, and the workbooks the build compiles, generated from them. A CSV
 * {@code NAME.csv} whose {@code RuleSet} cell names package {@code a.b.c} becomes {@code a/b/c/NAME.drl.xlsx} below
 * the rules folder, a sheet named after its {@code RuleTable}. Stateless and thread-safe.
 */
public final class DecisionTableSources {
    /** Excel's limit on a sheet name. */
    private static final int MAX_SHEET_NAME = 31;

    private DecisionTableSources() {
    }

    /**
     * @param csv       the table's CSV file
     * @param cells     its cells
     * @param rulesRoot the folder the build reads rule files from (e.g. {@code triage-rules/src/main/resources})
     * @return where its workbook belongs
     * @throws IllegalArgumentException when the cells name no package in a {@code RuleSet} row
     */
    public static Path workbookFor(Path csv, List<List<String>> cells, Path rulesRoot) {
        String name = csv.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return rulesRoot.resolve(packageOf(csv, cells).replace('.', '/')).resolve(base + ".drl.xlsx");
    }

    /** @return the sheet name for a table: its {@code RuleTable} name, or {@code Rules} */
    public static String sheetName(List<List<String>> cells) {
        for (List<String> row : cells) {
            if (!row.isEmpty() && row.get(0).startsWith("RuleTable")) {
                String name = row.get(0).substring("RuleTable".length()).trim();
                if (!name.isEmpty()) {
                    return name.length() > MAX_SHEET_NAME ? name.substring(0, MAX_SHEET_NAME) : name;
                }
            }
        }
        return "Rules";
    }

    /**
     * Writes the workbook for a CSV table.
     *
     * @return the workbook written
     */
    public static Path generate(Path csv, Path rulesRoot) {
        List<List<String>> cells = TableCells.readCsv(csv);
        Path workbook = workbookFor(csv, cells, rulesRoot);
        TableCells.writeWorkbook(cells, sheetName(cells), workbook);
        return workbook;
    }

    private static String packageOf(Path csv, List<List<String>> cells) {
        for (List<String> row : cells) {
            if (row.size() >= 2 && row.get(0).trim().equals("RuleSet") && !row.get(1).isBlank()) {
                return row.get(1).trim();
            }
        }
        throw new IllegalArgumentException(csv + ": no RuleSet row naming the package");
    }
}
