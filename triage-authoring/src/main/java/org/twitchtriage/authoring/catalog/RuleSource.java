package org.twitchtriage.authoring.catalog;

import java.util.List;
import java.util.Objects;
import org.twitchtriage.model.FindingCode;

/**
 * One rule as written in a rule file: DRL, a rule file in the rule language (DSLR), or a row of a decision table.
 *
 * @param file        the file, relative to the rules folder (for example {@code calf/calf.dslr})
 * @param line        1-based line of the {@code rule} keyword; for a decision table, the spreadsheet row of the rule
 * @param packageName the file's {@code package}
 * @param name        the rule name
 * @param id          the {@code @id}, or {@code null} when missing
 * @param source      the raw {@code @source} value, or {@code null} when missing
 * @param conclusions the finding codes its consequence can conclude, in order of appearance, without repeats
 * @param format      how the rule is written
 * @param sentences   for a rule written in the rule language, its lines as written; otherwise {@code null}
 */
public record RuleSource(String file, int line, String packageName, String name, String id, String source,
                         List<FindingCode> conclusions, Format format, Sentences sentences) {
    public RuleSource {
        conclusions = List.copyOf(conclusions);
        Objects.requireNonNull(format, "format");
    }

    /** A rule written in DRL. */
    public RuleSource(String file, int line, String packageName, String name, String id, String source,
                      List<FindingCode> conclusions) {
        this(file, line, packageName, name, id, source, conclusions, Format.DRL, null);
    }

    /** @return {@code file:line}, for messages */
    public String location() {
        return file + ":" + line;
    }

    /** How a rule is written. */
    public enum Format {
        /** Plain DRL. */
        DRL,
        /** Sentences of the rule language (a {@code .dslr} file). */
        DSL,
        /** A row of a spreadsheet decision table. */
        DECISION_TABLE
    }

    /**
     * The conditions and conclusions of a rule written in the rule language, one line each, as written. A line the
     * author wrote in DRL (a {@code >} line) keeps its {@code >}; comments are left out.
     *
     * @param when the condition lines
     * @param then the conclusion lines
     */
    public record Sentences(List<String> when, List<String> then) {
        public Sentences {
            when = List.copyOf(when);
            then = List.copyOf(then);
        }
    }
}
