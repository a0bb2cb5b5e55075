package org.twitchtriage.authoring.tables;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.template.model.Rule;

/**
 * Decision tables as the build sees them: which files are decision tables, and the DRL Drools compiles one into.
 * Stateless and thread-safe.
 */
public final class DecisionTables {
    /** The endings under which the build compiles a spreadsheet; any other name is silently left out. */
    private static final String[] ENDINGS = {".drl.xlsx", ".drl.xls", ".drl.csv"};

    private DecisionTables() {
    }

    /** @return whether the build compiles a file of this name as a decision table */
    public static boolean isDecisionTable(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ending : ENDINGS) {
            if (lower.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param file a decision table ({@code .xlsx}, {@code .xls} or {@code .csv})
     * @return the DRL Drools generates from it; each rule is preceded by a comment naming its row
     * @throws IllegalArgumentException naming the file, when it is not a valid decision table
     */
    public static String toDrl(Path file) {
        try {
            return toDrl(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read decision table " + file, e);
        }
    }

    /**
     * @param fileName the table's file name; its ending tells spreadsheet from CSV
     * @param content  the file's bytes
     * @return the DRL Drools generates from it
     * @throws IllegalArgumentException naming the file, when it is not a valid decision table
     */
    public static String toDrl(String fileName, byte[] content) {
        return compile(fileName, content).drl();
    }

    /**
     * @param fileName the table's file name; its ending tells spreadsheet from CSV
     * @param content  the file's bytes
     * @return the DRL Drools generates from it, and the spreadsheet row of each rule
     * @throws IllegalArgumentException naming the file, when it is not a valid decision table
     */
    public static Compiled compile(String fileName, byte[] content) {
        Objects.requireNonNull(content, "content");
        InputType type = fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? InputType.CSV : InputType.XLS;
        DefaultRuleSheetListener listener = new DefaultRuleSheetListener();
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), type, listener);
            Map<String, Integer> rows = new LinkedHashMap<>();
            for (Rule r : listener.getRuleSet().getRules()) {
                // the table model keeps the name as DRL writes it, in quotes
                String name = r.getName().strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                rows.putIfAbsent(name, r.getSpreadsheetRowNumber());
            }
            return new Compiled(drl, rows);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("decision table " + fileName + ": " + e.getMessage(), e);
        }
    }

    /**
     * A decision table turned into DRL.
     *
     * @param drl  the DRL
     * @param rows each rule's name to its 1-based spreadsheet row
     */
    public record Compiled(String drl, Map<String, Integer> rows) {
        public Compiled {
            Objects.requireNonNull(drl, "drl");
            rows = Map.copyOf(rows);
        }
    }
}
