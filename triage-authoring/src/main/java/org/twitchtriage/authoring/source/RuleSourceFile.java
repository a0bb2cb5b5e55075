package org.twitchtriage.authoring.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.dsl.DslSentence;
import org.twitchtriage.authoring.dsl.DslrLayout;
import org.twitchtriage.authoring.dsl.SentenceCheck;
import org.twitchtriage.authoring.tables.DecisionTables;

/**
 * One rule file, as written and as the DRL the compiler reads: a DRL file as it is, a file in the rule language
 * ({@code .dslr}) expanded with the folder's DSL, a decision table as the DRL Drools generates from it. The DRL is read
 * by Drools' parser into {@link RuleSource}s; lines of the DRL map back to lines of the file (for a decision table, to
 * spreadsheet rows), so that every rule and every problem can be shown where the author wrote it. Immutable.
 */
public final class RuleSourceFile {
    private final String path;
    private final RuleSource.Format format;
    private final String drl;
    private final List<RuleProblem> problems;
    private final DrlText parsed;
    /** For a file in the rule language: the line of the file each line of the DRL comes from; else {@code null}. */
    private final int[] writtenLineOfDrl;
    /** For a decision table: each rule's spreadsheet row; else empty. */
    private final Map<String, Integer> rows;
    private final List<RuleSource> rules;

    private RuleSourceFile(String path, RuleSource.Format format, String drl, List<RuleProblem> problems,
                           DslrLayout layout, Map<String, Integer> rows) {
        this.path = path;
        this.format = format;
        this.drl = drl;
        this.problems = List.copyOf(problems);
        this.parsed = DrlText.parse(drl);
        this.rows = Map.copyOf(rows);
        this.writtenLineOfDrl = layout == null ? null : lineMap(layout, drl);
        this.rules = rules(layout);
    }

    /** @return a DRL file */
    public static RuleSourceFile drl(String path, String text) {
        return new RuleSourceFile(path, RuleSource.Format.DRL, text, List.of(), null, Map.of());
    }

    /**
     * A file in the rule language. Every line of a rule's {@code when} and {@code then} parts must be one whole
     * sentence of the language (or a DRL line starting with {@code >}); each line that is not is a problem that
     * names the sentences closest to it ({@link SentenceCheck}).
     *
     * @param path     the file, relative to the rules folder
     * @param text     its text
     * @param language the rule language, or {@code null} when the folder has no DSL file
     * @param dslNames the DSL files' names, for messages
     */
    public static RuleSourceFile dslr(String path, String text, DslExpander language, String dslNames) {
        DslrLayout layout = DslrLayout.of(text);
        if (language == null) {
            return new RuleSourceFile(path, RuleSource.Format.DSL, text, List.of(new RuleProblem(path,
                    layout.expanderLine(), "is written in the rule language, but the folder holds no rule language "
                    + "file (.dsl)")), layout, Map.of());
        }
        List<RuleProblem> problems = SentenceCheck.check(layout, language, dslNames).stream()
                .map(p -> new RuleProblem(path, p.line(), p.message())).toList();
        return new RuleSourceFile(path, RuleSource.Format.DSL, language.expand(text).drl(), problems, layout, Map.of());
    }

    /**
     * A decision table.
     *
     * @param path    the file, relative to the rules folder
     * @param content its bytes
     */
    public static RuleSourceFile decisionTable(String path, byte[] content) {
        try {
            DecisionTables.Compiled table = DecisionTables.compile(path, content);
            return new RuleSourceFile(path, RuleSource.Format.DECISION_TABLE, table.drl(), List.of(), null,
                    table.rows());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new RuleSourceFile(path, RuleSource.Format.DECISION_TABLE, "", List.of(new RuleProblem(path,
                    0, "cannot be read as a decision table: " + String.join(" ", message.strip().split("\\s*\\R\\s*")))),
                    null, Map.of());
        }
    }

    /** @return the file, relative to the rules folder, with {@code /} separators */
    public String path() {
        return path;
    }

    /** @return how the file is written */
    public RuleSource.Format format() {
        return format;
    }

    /** @return the DRL the compiler reads for this file */
    public String drl() {
        return drl;
    }

    /**
     * @return the problems found while reading the file: lines that are not sentences of the rule language, a table
     *         that cannot be read; empty when it reads cleanly. DRL the parser cannot read is left to the compiler,
     *         whose messages say more ({@link #parseErrors()}).
     */
    public List<RuleProblem> problems() {
        return problems;
    }

    /** @return the DRL parser's errors; empty when the DRL parses */
    public List<String> parseErrors() {
        return parsed.errors();
    }

    /** @return the rules, in the order written; empty when the DRL does not parse */
    public List<RuleSource> rules() {
        return rules;
    }

    /**
     * @param drlLine a 1-based line of {@link #drl()}
     * @return the line of the file it comes from; for a decision table, the spreadsheet row of the rule it belongs
     *         to (0 when unknown). Drools' expander joins each qualifying line ({@code - it comes with pain}) to the
     *         line above it, so in the rule language later lines move up; this method undoes that.
     */
    public int fileLine(int drlLine) {
        if (format == RuleSource.Format.DSL) {
            return drlLine >= 1 && drlLine <= writtenLineOfDrl.length ? writtenLineOfDrl[drlLine - 1] : drlLine;
        }
        if (format != RuleSource.Format.DECISION_TABLE) {
            return drlLine;
        }
        int row = 0;
        for (RuleDescr r : parsed.rules()) {
            if (r.getLine() <= drlLine) {
                row = rows.getOrDefault(r.getName(), 0);
            }
        }
        return row;
    }

    /**
     * @param text a piece of DRL, such as a constraint
     * @return the line of the file where the DRL first contains it (ignoring spaces), or 0 when it does not
     */
    public int lineOf(String text) {
        String wanted = squeeze(text);
        String[] lines = drl.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!wanted.isEmpty() && squeeze(lines[i]).contains(wanted)) {
                return fileLine(i + 1);
            }
        }
        return 0;
    }

    private List<RuleSource> rules(DslrLayout layout) {
        String pkg = parsed.pkg() == null ? "" : parsed.pkg().getName();
        List<RuleSource> out = new ArrayList<>();
        for (RuleDescr r : parsed.rules()) {
            int line = fileLine(r.getLine());
            List<RuleSource.Annotation> annotations = new ArrayList<>();
            for (AnnotationDescr a : r.getAnnotations()) {
                int at = parsed.lineOf(r, a);
                annotations.add(new RuleSource.Annotation(a.getName(), DrlText.value(a), at > 0 ? fileLine(at) : 0));
            }
            // Drools keeps annotations by name, not in the order written; their lines give that order back
            annotations.sort(Comparator.comparingInt(a -> a.line() > 0 ? a.line() : Integer.MAX_VALUE));
            RuleSource.Sentences sentences = layout == null ? null : new RuleSource.Sentences(
                    layout.written(line, DslSentence.Part.CONDITION), layout.written(line, DslSentence.Part.CONSEQUENCE));
            out.add(new RuleSource(path, line, pkg, r.getName(), annotations,
                    Consequences.conclusions(String.valueOf(r.getConsequence())), format, sentences, r));
        }
        return List.copyOf(out);
    }

    /**
     * @return for each line of the expanded DRL, the line of the rule-language file it comes from: every line but the
     *         qualifying ones, which the expander joins to the line above; identity when the counts do not agree
     */
    private static int[] lineMap(DslrLayout layout, String drl) {
        int drlLines = drl.split("\\R", -1).length;
        int[] map = new int[drlLines];
        int d = 0;
        for (DslrLayout.Line line : layout.lines()) {
            if (line.isJoined()) {
                continue;
            }
            if (d < drlLines) {
                map[d] = line.number();
            }
            d++;
        }
        if (d != drlLines) {
            for (int i = 0; i < drlLines; i++) {
                map[i] = i + 1;
            }
        }
        return map;
    }

    private static String squeeze(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().filter(c -> !Character.isWhitespace(c)).forEach(c -> out.append((char) c));
        return out.toString();
    }

    @Override
    public String toString() {
        return path;
    }
}
