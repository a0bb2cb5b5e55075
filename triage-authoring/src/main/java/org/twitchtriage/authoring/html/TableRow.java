package org.twitchtriage.authoring.html;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.authoring.tables.TableCells;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;

/**
 * One rule of a decision table in words: the filled cells of its row under their column labels, conditions apart
 * from actions, each value also in the model's display words where the column's code names a model enum
 * ({@code PAIN} in a column written {@code FindingCode.RED_FLAG_$} reads "Twitching with pain").
 *
 * @param file       the table's file, as in {@link RuleSource#file()}
 * @param row        the 1-based spreadsheet row, as in {@link RuleSource#line()} for a decision-table rule
 * @param conditions the filled condition cells, left to right
 * @param actions    the filled action cells, left to right
 * @param note       the row's description column (why the row is as it is), or {@code ""}
 */
public record TableRow(String file, int row, List<Cell> conditions, List<Cell> actions, String note) {
    private static final Pattern ENUM_IN_CODE = Pattern.compile("\\b([A-Z]\\w*)\\.([A-Z0-9_]*)\\$");
    private static final Map<String, Function<String, Optional<String>>> DISPLAY = Map.of(
            "BodySite", v -> constant(BodySite.class, v).map(BodySite::display),
            "FindingCode", v -> constant(FindingCode.class, v).map(FindingCode::display),
            "Symptom", v -> constant(Symptom.class, v).map(Symptom::display),
            "Circumstance", v -> constant(Circumstance.class, v).map(Circumstance::display),
            "Analyte", v -> constant(Analyte.class, v).map(Analyte::display),
            "Urgency", v -> constant(Urgency.class, v).map(u -> u.name().toLowerCase(Locale.ROOT)));

    public TableRow {
        Objects.requireNonNull(file, "file");
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
        note = note == null ? "" : note;
    }

    /**
     * One filled cell.
     *
     * @param label the column's label, as the table's author wrote it
     * @param value the cell as written
     * @param words the value in the model's display words; the value itself where there are none
     */
    public record Cell(String label, String value, String words) {
        public Cell {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(words, "words");
        }
    }

    /**
     * Reads the rows of every decision table in Drools' layout ({@code RuleTable} cell, then rows of column kinds,
     * patterns, code templates and labels, then one rule per row up to the first empty row).
     *
     * @param file  the table's file, for the rows' {@link #file()}
     * @param cells the table's cells, one list per spreadsheet row from the first
     * @return one entry per rule row, in row order
     */
    public static List<TableRow> inWords(String file, List<List<String>> cells) {
        List<TableRow> rows = new ArrayList<>();
        for (int r = 0; r < cells.size(); r++) {
            if (!cell(cells.get(r), 0).startsWith("RuleTable") || r + 4 >= cells.size()) {
                continue;
            }
            List<String> kinds = cells.get(r + 1);
            List<String> templates = cells.get(r + 3);
            List<String> labels = cells.get(r + 4);
            int d = r + 5;
            for (; d < cells.size() && !blank(cells.get(d)) && !cell(cells.get(d), 0).startsWith("RuleTable"); d++) {
                rows.add(row(file, d + 1, kinds, templates, labels, cells.get(d)));
            }
            r = d - 1;
        }
        return List.copyOf(rows);
    }

    /**
     * Reads the decision tables the given rules come from and puts each rule next to its row.
     *
     * @param rulesRoot the folder the rules' file names are relative to (a directory, or the root of a jar's file
     *                  system)
     * @param rules     rules, of which those written as decision tables are looked up
     * @return {@link RuleSource#location()} to the rule's row, for every decision-table rule whose row was found
     * @throws java.io.UncheckedIOException when a table cannot be read
     */
    public static Map<String, TableRow> read(Path rulesRoot, List<RuleSource> rules) {
        Map<String, Map<Integer, TableRow>> byFile = new HashMap<>();
        Map<String, TableRow> out = new LinkedHashMap<>();
        for (RuleSource r : rules) {
            if (r.format() != RuleSource.Format.DECISION_TABLE) {
                continue;
            }
            Map<Integer, TableRow> rows = byFile.computeIfAbsent(r.file(), f -> {
                Map<Integer, TableRow> index = new HashMap<>();
                inWords(f, cellsOf(rulesRoot.resolve(f))).forEach(row -> index.put(row.row(), row));
                return index;
            });
            TableRow row = rows.get(r.line());
            if (row != null) {
                out.put(r.location(), row);
            }
        }
        return out;
    }

    private static List<List<String>> cellsOf(Path table) {
        return table.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                ? TableCells.readCsv(table)
                : TableCells.readWorkbook(table);
    }

    private static TableRow row(String file, int number, List<String> kinds, List<String> templates,
                                List<String> labels, List<String> values) {
        List<Cell> conditions = new ArrayList<>();
        List<Cell> actions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int c = 0; c < values.size(); c++) {
            String value = values.get(c).strip();
            if (value.isEmpty()) {
                continue;
            }
            String kind = cell(kinds, c).strip().toUpperCase(Locale.ROOT);
            String label = cell(labels, c).isBlank() ? kind : cell(labels, c).strip();
            Cell cell = new Cell(label, value, words(cell(templates, c), value));
            switch (kind) {
                case "CONDITION", "C" -> conditions.add(cell);
                case "ACTION", "A" -> actions.add(cell);
                case "DESCRIPTION", "I" -> notes.add(value);
                // shown elsewhere in the catalogue: the rule's name, id and passages
                case "NAME", "N", "METADATA", "@" -> { }
                // rule attributes (such as SALIENCE): rare, but a reviewer must see them
                default -> conditions.add(new Cell(label + " (" + kind + ")", value, value));
            }
        }
        return new TableRow(file, number, conditions, actions, String.join(" ", notes));
    }

    /** @return the value in the model's words, when the column's code names a model enum; else the value */
    static String words(String template, String value) {
        Matcher m = ENUM_IN_CODE.matcher(template);
        if (!m.find() || !DISPLAY.containsKey(m.group(1))) {
            return value;
        }
        Function<String, Optional<String>> display = DISPLAY.get(m.group(1));
        String prefix = m.group(2);
        List<String> items = template.contains("forall(") ? List.of(value.split(",")) : List.of(value);
        List<String> out = new ArrayList<>();
        for (String item : items) {
            Optional<String> shown = display.apply(prefix + item.strip());
            if (shown.isEmpty()) {
                return value;
            }
            out.add(shown.get());
        }
        return String.join(", ", out);
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() && row.get(column) != null ? row.get(column) : "";
    }

    private static boolean blank(List<String> row) {
        return row.stream().allMatch(s -> s == null || s.isBlank());
    }
}
