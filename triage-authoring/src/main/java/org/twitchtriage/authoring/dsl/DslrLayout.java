package org.twitchtriage.authoring.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The layout of a rule file in the rule language ({@code .dslr}) as written, line by line: where a rule starts, and
 * which lines are its conditions ({@code when}) and its conclusions ({@code then}). Drools' expander reads a file in
 * the same way before it turns the sentences into DRL; this reading also works on a file that the expander or the
 * DRL parser cannot read, so that every line can still be named. Everything DRL-level (names, metadata, patterns) is
 * read by Drools' parser from the expansion instead. Immutable.
 */
public final class DslrLayout {
    /** What a line is. */
    public enum Kind {
        /** The start of a rule ({@code rule "name"}). */
        RULE,
        /** {@code when}. */
        WHEN,
        /** {@code then}. */
        THEN,
        /** {@code end}. */
        END,
        /** Any other line: a sentence, a DRL line, a comment, metadata or blank. */
        TEXT
    }

    /**
     * One line of the file.
     *
     * @param number the 1-based line number
     * @param text   the line without its indentation and trailing spaces
     * @param kind   what the line is
     * @param part   for a line of a rule's conditions or conclusions, which of the two; otherwise {@code null}
     * @param rule   the line of the {@code rule} keyword of the rule the line belongs to; 0 outside any rule
     */
    public record Line(int number, String text, Kind kind, DslSentence.Part part, int rule) {
        /** @return whether the line holds something written in a part of a rule: not blank and not a comment */
        public boolean isWritten() {
            return kind == Kind.TEXT && part != null && !text.isEmpty() && !text.startsWith("//")
                    && !text.startsWith("#");
        }

        /** @return whether the expander joins this line to the one above: a qualifying condition ({@code - ...}) */
        public boolean isJoined() {
            return kind == Kind.TEXT && part == DslSentence.Part.CONDITION && text.startsWith("-");
        }
    }

    private final List<Line> lines;

    private DslrLayout(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /** @return the layout of a rule file's text */
    public static DslrLayout of(String text) {
        Objects.requireNonNull(text, "text");
        List<Line> out = new ArrayList<>();
        String[] raw = text.split("\\R", -1);
        int rule = 0;
        DslSentence.Part part = null;
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            Kind kind = kindOf(line);
            if (kind == Kind.RULE) {
                rule = i + 1;
                part = null;
            } else if (rule > 0 && kind == Kind.WHEN) {
                part = DslSentence.Part.CONDITION;
            } else if (rule > 0 && kind == Kind.THEN) {
                part = DslSentence.Part.CONSEQUENCE;
            }
            boolean inside = rule > 0;
            out.add(new Line(i + 1, line, inside ? kind : Kind.TEXT, kind == Kind.TEXT ? part : null,
                    inside ? rule : 0));
            if (inside && kind == Kind.END) {
                rule = 0;
                part = null;
            }
        }
        return new DslrLayout(out);
    }

    /** @return every line, in order */
    public List<Line> lines() {
        return lines;
    }

    /**
     * @param ruleLine the line of a rule's {@code rule} keyword
     * @param part     the part of the rule
     * @return the lines written in that part of that rule, stripped, in order; a DRL line keeps its {@code >}
     */
    public List<String> written(int ruleLine, DslSentence.Part part) {
        return lines.stream().filter(l -> l.rule() == ruleLine && l.part() == part && l.isWritten())
                .map(Line::text).toList();
    }

    /** @return the line of the {@code expander} declaration, or 0 when there is none */
    public int expanderLine() {
        return lines.stream().filter(l -> l.rule() == 0 && startsWithWord(l.text(), "expander")).findFirst()
                .map(Line::number).orElse(0);
    }

    private static Kind kindOf(String line) {
        if (startsWithWord(line, "rule")) {
            return Kind.RULE;
        }
        if (line.equals("when")) {
            return Kind.WHEN;
        }
        // Drools' expander keeps a comment that follows "then" on the same line
        if (line.equals("then") || startsWithWord(line, "then") && line.substring(4).strip().startsWith("//")) {
            return Kind.THEN;
        }
        return line.equals("end") ? Kind.END : Kind.TEXT;
    }

    private static boolean startsWithWord(String line, String word) {
        return line.startsWith(word) && line.length() > word.length()
                && Character.isWhitespace(line.charAt(word.length()));
    }
}
