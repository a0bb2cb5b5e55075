package org.twitchtriage.authoring.folder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.dsl.DslSentence;
import org.twitchtriage.authoring.tables.DecisionTables;

/**
 * One rule file of a rules folder, as written and as the DRL the compiler reads: a DRL file as it is, a file in the
 * rule language ({@code .dslr}) expanded with the folder's DSL, a decision table as the DRL Drools generates from it.
 * Lines of the DRL map back to lines of the file (for a decision table, to spreadsheet rows), so that every problem
 * can be shown where the author wrote it. Immutable.
 */
public final class RuleFile {
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*// rule values at [A-Z]+(\\d+)\\b.*$");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+.*$");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\s*$");
    private static final Pattern THEN = Pattern.compile("^\\s*then\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*end\\s*$");
    private static final int SUGGESTIONS = 3;
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    /** How a rule file is written. */
    public enum Format {
        /** Plain DRL ({@code .drl}). */
        DRL,
        /** Sentences of the rule language ({@code .dslr}). */
        DSL,
        /** A spreadsheet or CSV decision table ({@code .drl.xlsx}, {@code .drl.xls}, {@code .drl.csv}). */
        DECISION_TABLE
    }

    private final String path;
    private final Format format;
    private final String written;
    private final String drl;
    private final List<RuleProblem> problems;
    /** For a file in the rule language: the line of the file each line of the DRL comes from; else {@code null}. */
    private final int[] writtenLineOfDrl;

    private RuleFile(String path, Format format, String written, String drl, List<RuleProblem> problems) {
        this.path = path;
        this.format = format;
        this.written = written;
        this.drl = drl;
        this.problems = List.copyOf(problems);
        this.writtenLineOfDrl = format == Format.DSL ? lineMap(written, drl) : null;
    }

    /** @return a DRL file */
    public static RuleFile drl(String path, String text) {
        return new RuleFile(path, Format.DRL, text, text, List.of());
    }

    /**
     * A file in the rule language. Every line of a rule's {@code when} and {@code then} parts must be one whole
     * sentence of the language (or a DRL line starting with {@code >}); each line that is not is a problem that
     * names the sentences closest to it.
     *
     * @param path     the file, relative to the rules folder
     * @param text     its text
     * @param language the rule language, or {@code null} when the folder has no DSL file
     * @param dslNames the DSL files' names, for messages
     */
    public static RuleFile dslr(String path, String text, DslExpander language, String dslNames) {
        if (language == null) {
            return new RuleFile(path, Format.DSL, text, text, List.of(new RuleProblem(path, expanderLine(text),
                    "is written in the rule language, but the folder holds no rule language file (.dsl)")));
        }
        List<RuleProblem> problems = sentenceProblems(path, text, language, dslNames);
        return new RuleFile(path, Format.DSL, text, language.expand(text).drl(), problems);
    }

    /**
     * A decision table.
     *
     * @param path    the file, relative to the rules folder
     * @param content its bytes
     */
    public static RuleFile decisionTable(String path, byte[] content) {
        try {
            return new RuleFile(path, Format.DECISION_TABLE, null, DecisionTables.toDrl(path, content), List.of());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new RuleFile(path, Format.DECISION_TABLE, null, "", List.of(new RuleProblem(path, 0,
                    "cannot be read as a decision table: " + CompilerMessages.plain(message))));
        }
    }

    /** @return the file, relative to the rules folder, with {@code /} separators */
    public String path() {
        return path;
    }

    /** @return how the file is written */
    public Format format() {
        return format;
    }

    /** @return the text as written; {@code null} for a decision table, which is not text */
    public String written() {
        return written;
    }

    /** @return the DRL the compiler reads for this file */
    public String drl() {
        return drl;
    }

    /**
     * @return the problems found while reading the file: lines that are not sentences of the rule language, a table
     *         that cannot be read; empty when it reads cleanly
     */
    public List<RuleProblem> problems() {
        return problems;
    }

    /**
     * @param drlLine a 1-based line of {@link #drl()}
     * @return the line of the file it comes from; for a decision table, the spreadsheet row of the rule it belongs
     *         to (0 when unknown). Drools' expander joins each qualifying line ({@code - it comes with pain}) to the
     *         line above it, so in the rule language later lines move up; this method undoes that.
     */
    public int fileLine(int drlLine) {
        if (format == Format.DSL) {
            return drlLine >= 1 && drlLine <= writtenLineOfDrl.length ? writtenLineOfDrl[drlLine - 1] : drlLine;
        }
        if (format != Format.DECISION_TABLE) {
            return drlLine;
        }
        String[] lines = drl.split("\\R", -1);
        for (int i = Math.min(drlLine, lines.length) - 1; i >= 0; i--) {
            Matcher row = TABLE_ROW.matcher(lines[i]);
            if (row.matches()) {
                return Integer.parseInt(row.group(1));
            }
        }
        return 0;
    }

    /**
     * @param text a piece of DRL, such as a constraint
     * @return the line of the file where the DRL first contains it (ignoring spaces), or 0 when it does not
     */
    public int lineOf(String text) {
        String wanted = text.replaceAll("\\s+", "");
        String[] lines = drl.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!wanted.isEmpty() && lines[i].replaceAll("\\s+", "").contains(wanted)) {
                return fileLine(i + 1);
            }
        }
        return 0;
    }

    /**
     * @param line a 1-based line of the file
     * @return that line as written, stripped; empty when the file is not text or has no such line
     */
    public String writtenLine(int line) {
        if (written == null || line < 1) {
            return "";
        }
        String[] lines = written.split("\\R", -1);
        return line <= lines.length ? lines[line - 1].strip() : "";
    }

    /**
     * @return for each line of the expanded DRL, the line of the rule-language file it comes from: every line but the
     *         qualifying ones (starting with {@code -} in a {@code when} part), which the expander joins to the line
     *         above; identity when the counts do not agree
     */
    private static int[] lineMap(String written, String drl) {
        String[] lines = written.split("\\R", -1);
        int drlLines = drl.split("\\R", -1).length;
        int[] map = new int[drlLines];
        int d = 0;
        boolean inWhen = false;
        for (int w = 0; w < lines.length; w++) {
            String line = lines[w].strip();
            if (WHEN.matcher(line).matches()) {
                inWhen = true;
            } else if (THEN.matcher(line).matches() || END.matcher(line).matches()) {
                inWhen = false;
            } else if (inWhen && line.startsWith("-")) {
                continue;
            }
            if (d < drlLines) {
                map[d] = w + 1;
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

    private static List<RuleProblem> sentenceProblems(String path, String text, DslExpander language,
                                                      String dslNames) {
        List<RuleProblem> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        DslSentence.Part part = null;
        int ruleLine = 0;
        // whether the condition line above may be qualified by a "- " line: a twitch sentence or another qualifier
        boolean qualifiable = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNumber = i + 1;
            if (RULE.matcher(line).matches()) {
                if (ruleLine > 0) {
                    problems.add(new RuleProblem(path, lineNumber, "a new rule starts here, but the rule above it (line "
                            + ruleLine + ") has no \"end\""));
                }
                ruleLine = lineNumber;
                part = null;
                continue;
            }
            if (ruleLine == 0) {
                continue;
            }
            if (END.matcher(line).matches()) {
                ruleLine = 0;
            } else if (WHEN.matcher(line).matches()) {
                part = DslSentence.Part.CONDITION;
                qualifiable = false;
            } else if (THEN.matcher(line).matches()) {
                part = DslSentence.Part.CONSEQUENCE;
            } else if (part != null && !line.isEmpty() && !line.startsWith("//") && !line.startsWith("#")) {
                if (line.startsWith(">")) {
                    qualifiable = line.contains("Twitch(") || line.contains("Twitch (");
                    continue;
                }
                Optional<DslSentence> sentence = language.sentenceFor(line, part);
                if (sentence.isEmpty()) {
                    problems.add(new RuleProblem(path, lineNumber, notASentence(line, part, language, dslNames)));
                    qualifiable = false;
                } else if (part == DslSentence.Part.CONSEQUENCE) {
                    unquoted(line, sentence.get(), language)
                            .ifPresent(message -> problems.add(new RuleProblem(path, lineNumber, message)));
                } else if (sentence.get().isQualifier() && !qualifiable) {
                    problems.add(new RuleProblem(path, lineNumber, "\"" + line + "\" adds to the twitch sentence "
                            + "right above it (such as \"there is a twitch in the calf\"), but there is none: put it "
                            + "directly below the sentence that names the twitch"));
                } else {
                    qualifiable = sentence.get().isQualifier() || sentence.get().drl().contains("Twitch(");
                }
            }
        }
        return problems;
    }

    /**
     * A conclusion's free text (a variable without a pattern, such as the explanation) becomes a Java string in the
     * DRL: it must be one text in double quotes, with none inside, or the rule does not compile.
     */
    private static Optional<String> unquoted(String line, DslSentence sentence, DslExpander language) {
        for (Map.Entry<String, String> v : language.values(line, DslSentence.Part.CONSEQUENCE).orElse(Map.of())
                .entrySet()) {
            if (sentence.pattern(v.getKey()).isEmpty() && !QUOTED.matcher(v.getValue().strip()).matches()) {
                return Optional.of("the " + v.getKey() + " of \"" + sentence.readable() + "\" must be one text in "
                        + "double quotes, with no double quote inside it; it is written " + v.getValue().strip());
            }
        }
        return Optional.empty();
    }

    private static String notASentence(String line, DslSentence.Part part, DslExpander language,
                                       String dslNames) {
        boolean condition = part == DslSentence.Part.CONDITION;
        String what = "\"" + line + "\" is not a " + (condition ? "condition" : "conclusion")
                + " of the rule language (" + dslNames + ")";
        DslSentence.Part other = condition ? DslSentence.Part.CONSEQUENCE : DslSentence.Part.CONDITION;
        if (language.sentenceFor(line, other).isPresent()) {
            return condition
                    ? what + ", but a conclusion: is the \"then\" line above it missing?"
                    : what + ", but a condition: move it above \"then\"";
        }
        if (line.startsWith("@") || RULE.matcher(line).matches()) {
            return what + ": a rule's header (its name, @id and @source) comes before \"when\"";
        }
        var beginning = language.beginning(line, part);
        if (beginning.isPresent() && !line.substring(beginning.get().length()).isBlank()) {
            return what + ": it begins with the sentence \"" + beginning.get().sentence().readable()
                    + "\", but \"" + line.substring(beginning.get().length()).strip() + "\" is not part of it";
        }
        return what + "; closest: " + language.closest(line, part, SUGGESTIONS).stream()
                .map(s -> "\"" + s.readable() + "\"").collect(Collectors.joining(", "));
    }

    private static int expanderLine(String text) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("expander")) {
                return i + 1;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return path;
    }
}
