package org.twitchtriage.authoring.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;

/**
 * One sentence of the rule language and the DRL it stands for, as written in the DSL file.
 *
 * @param file     the DSL file it comes from (for messages)
 * @param part     where in a rule it may be used
 * @param sentence the sentence, with variables in braces ({@code advise waiting: {explanation}})
 * @param drl      the DRL it expands to, with the same variables
 */
public record DslSentence(String file, Part part, String sentence, String drl) {
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::((?:[^{}]|\\{[^}]*})*))?}");

    public DslSentence {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(drl, "drl");
    }

    /** Where a sentence may be used. */
    public enum Part {
        /** In conditions ({@code [when]}). */
        CONDITION,
        /** In consequences ({@code [then]}). */
        CONSEQUENCE,
        /** Anywhere in a rule file ({@code [keyword]}). */
        KEYWORD,
        /** In conditions and consequences ({@code [*]}). */
        ANY;

        static Part of(DSLMappingEntry.Section section) {
            if (section == DSLMappingEntry.CONDITION) {
                return CONDITION;
            }
            if (section == DSLMappingEntry.CONSEQUENCE) {
                return CONSEQUENCE;
            }
            return section == DSLMappingEntry.KEYWORD ? KEYWORD : ANY;
        }
    }

    /** @return whether the sentence qualifies the pattern above it (it starts with {@code -}) */
    public boolean isQualifier() {
        return sentence.startsWith("-");
    }

    /** @return the names of the sentence's variables, in order */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(sentence);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * @param variable a variable's name
     * @return the regular expression its value must match, when the sentence gives one ({@code {days:\\d+}})
     */
    public Optional<String> pattern(String variable) {
        Matcher m = VARIABLE.matcher(sentence);
        while (m.find()) {
            if (m.group(1).equals(variable)) {
                return Optional.ofNullable(m.group(2));
            }
        }
        return Optional.empty();
    }

    /**
     * @return the sentence as a reader sees it, each variable written {@code <name>}, for example
     *         {@code the patient is at least <years> years old} or {@code advise waiting: <explanation>}
     */
    public String readable() {
        return replace(sentence, (name, pattern) -> "<" + name + ">");
    }

    /**
     * @param sample value for a variable, by its name and its pattern ({@code null} when it has none)
     * @return the sentence as an author would write it, with each variable replaced by a sample value
     */
    public String writtenWith(SampleValues sample) {
        return replace(sentence, sample);
    }

    /**
     * @param sample the same sample values as given to {@link #writtenWith}
     * @return the DRL this sentence expands to, with each variable replaced by its sample value
     */
    public String expandedWith(SampleValues sample) {
        Matcher m = VARIABLE.matcher(sentence);
        String out = drl;
        while (m.find()) {
            out = out.replace("{" + m.group(1) + "}", sample.value(m.group(1), m.group(2)));
        }
        return out;
    }

    private static String replace(String text, SampleValues sample) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(sample.value(m.group(1), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Chooses a value for a variable, for examples and checks of the language. */
    @FunctionalInterface
    public interface SampleValues {
        /**
         * @param name    the variable's name
         * @param pattern its regular expression, or {@code null} when it has none
         * @return a value the variable matches
         */
        String value(String name, String pattern);
    }
}
