package org.twitchtriage.authoring.source;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.drools.drl.ast.descr.RuleDescr;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.FindingCode;

/**
 * One rule as written in a rule file, DRL, a rule file in the rule language (DSLR) or a row of a decision table, as
 * Drools' DRL parser reads it: name, metadata, conditions and consequence, with every line mapped back to the file
 * as the author wrote it.
 *
 * @param file        the file, relative to the rules folder (for example {@code calf/calf.dslr})
 * @param line        1-based line of the {@code rule} keyword; for a decision table, the spreadsheet row of the rule
 * @param packageName the file's {@code package}
 * @param name        the rule name
 * @param annotations the rule's metadata ({@code @id}, {@code @source}, {@code @extension}, ...), in order
 * @param conclusions the finding codes its consequence can conclude, in order of appearance, without repeats
 * @param format      how the rule is written
 * @param sentences   for a rule written in the rule language, its lines as written; otherwise {@code null}
 * @param descr       the rule as Drools' parser read it (conditions, consequence), or {@code null} when made by hand
 */
public record RuleSource(String file, int line, String packageName, String name, List<Annotation> annotations,
                         List<FindingCode> conclusions, Format format, Sentences sentences, RuleDescr descr) {
    /** The metadata key of the rule's stable id. */
    public static final String ID = "id";
    /** The metadata key of the guideline passages a rule encodes. */
    public static final String SOURCE = "source";
    /** The metadata key of the reason a rule goes beyond the guideline. */
    public static final String EXTENSION = "extension";

    public RuleSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        annotations = List.copyOf(annotations);
        conclusions = List.copyOf(conclusions);
        Objects.requireNonNull(format, "format");
    }

    /** A rule with an id and a citation only, written in DRL: for tests and hand-made catalogues. */
    public RuleSource(String file, int line, String packageName, String name, String id, String source,
                      List<FindingCode> conclusions) {
        this(file, line, packageName, name, id, source, conclusions, Format.DRL, null);
    }

    /** A rule with an id and a citation only: for tests and hand-made catalogues. */
    public RuleSource(String file, int line, String packageName, String name, String id, String source,
                      List<FindingCode> conclusions, Format format, Sentences sentences) {
        this(file, line, packageName, name, Annotation.of(line, ID, id, SOURCE, source), conclusions, format,
                sentences, null);
    }

    /** @return the {@code @id}, or {@code null} when missing */
    public String id() {
        return value(ID).orElse(null);
    }

    /** @return the raw {@code @source} value, or {@code null} when missing */
    public String source() {
        return value(SOURCE).orElse(null);
    }

    /** @return why the rule goes beyond the guideline ({@code @extension}), or {@code null} for a rule that does not */
    public String extension() {
        return value(EXTENSION).orElse(null);
    }

    /** @return the value of the first annotation of that name */
    public Optional<String> value(String annotation) {
        return annotations.stream().filter(a -> a.name().equals(annotation)).map(Annotation::value).findFirst();
    }

    /** @return the line of the first annotation of that name, or the rule's line when it has none or it is unknown */
    public int lineOf(String annotation) {
        return annotations.stream().filter(a -> a.name().equals(annotation) && a.line() > 0).map(Annotation::line)
                .findFirst().orElse(line);
    }

    /** @return the passage IDs the rule cites; empty when it has no {@code @source} or it cannot be read */
    public List<String> citations(Guideline guideline) {
        if (source() == null) {
            return List.of();
        }
        try {
            return guideline.parseCitations(source());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** @return {@code file:line}, for messages */
    public String location() {
        return file + ":" + line;
    }

    /** How a rule is written. */
    public enum Format {
        /** Plain DRL ({@code .drl}). */
        DRL,
        /** Sentences of the rule language (a {@code .dslr} file). */
        DSL,
        /** A row of a spreadsheet or CSV decision table ({@code .drl.xlsx}, {@code .drl.xls}, {@code .drl.csv}). */
        DECISION_TABLE
    }

    /**
     * One metadata annotation of a rule.
     *
     * @param name  its name, without the {@code @}
     * @param value its value, without quotes
     * @param line  the line of the file where it is written; 0 when unknown
     */
    public record Annotation(String name, String value, int line) {
        public Annotation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** @return annotations from name-value pairs, leaving out those whose value is {@code null} */
        static List<Annotation> of(int line, String... namesAndValues) {
            List<Annotation> out = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                if (namesAndValues[i + 1] != null) {
                    out.add(new Annotation(namesAndValues[i], namesAndValues[i + 1], line));
                }
            }
            return out;
        }
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
