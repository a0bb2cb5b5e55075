package org.twitchtriage.authoring.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks that every line of a rule's {@code when} and {@code then} parts in a file of the rule language is one whole
 * sentence of the language (or a DRL line starting with {@code >}), in the part it belongs to, and names the
 * sentences closest to each line that is not. Drools' expander would expand the beginning of such a line and leave
 * the rest, which the compiler then reports somewhere else in words an author cannot act on. Stateless.
 */
public final class SentenceCheck {
    private static final int SUGGESTIONS = 3;

    private SentenceCheck() {
    }

    /**
     * A line that is not right.
     *
     * @param line    the 1-based line of the file
     * @param message what is wrong, in plain words
     */
    public record Problem(int line, String message) {
    }

    /**
     * @param layout   the file's lines
     * @param language the rule language
     * @param dslNames the DSL files' names, for messages
     * @return every problem, in line order
     */
    public static List<Problem> check(DslrLayout layout, DslExpander language, String dslNames) {
        List<Problem> problems = new ArrayList<>();
        int open = 0;
        // whether the condition line above may be qualified by a "- " line: a twitch sentence or another qualifier
        boolean qualifiable = false;
        for (DslrLayout.Line l : layout.lines()) {
            String line = l.text();
            switch (l.kind()) {
                case RULE -> {
                    if (open > 0) {
                        problems.add(new Problem(l.number(), "a new rule starts here, but the rule above it (line "
                                + open + ") has no \"end\""));
                    }
                    open = l.number();
                }
                case END -> open = 0;
                case WHEN -> qualifiable = false;
                case THEN -> { }
                case TEXT -> {
                    if (!l.isWritten()) {
                        continue;
                    }
                    if (line.startsWith(">")) {
                        qualifiable = line.contains("Twitch(") || line.contains("Twitch (");
                        continue;
                    }
                    Optional<DslSentence> sentence = language.sentenceFor(line, l.part());
                    if (sentence.isEmpty()) {
                        problems.add(new Problem(l.number(), notASentence(line, l.part(), language, dslNames)));
                        qualifiable = false;
                    } else if (l.part() == DslSentence.Part.CONSEQUENCE) {
                        unquoted(line, sentence.get(), language)
                                .ifPresent(message -> problems.add(new Problem(l.number(), message)));
                    } else if (sentence.get().isQualifier() && !qualifiable) {
                        problems.add(new Problem(l.number(), "\"" + line + "\" adds to the twitch sentence right "
                                + "above it (such as \"there is a twitch in the calf\"), but there is none: put it "
                                + "directly below the sentence that names the twitch"));
                    } else {
                        qualifiable = sentence.get().isQualifier() || sentence.get().drl().contains("Twitch(");
                    }
                }
                default -> throw new IllegalStateException("unknown kind of line " + l.kind());
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
            String value = v.getValue().strip();
            boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    && value.indexOf('"', 1) == value.length() - 1;
            if (sentence.pattern(v.getKey()).isEmpty() && !quoted) {
                return Optional.of("the " + v.getKey() + " of \"" + sentence.readable() + "\" must be one text in "
                        + "double quotes, with no double quote inside it; it is written " + value);
            }
        }
        return Optional.empty();
    }

    private static String notASentence(String line, DslSentence.Part part, DslExpander language, String dslNames) {
        boolean condition = part == DslSentence.Part.CONDITION;
        String what = "\"" + line + "\" is not a " + (condition ? "condition" : "conclusion")
                + " of the rule language (" + dslNames + ")";
        DslSentence.Part other = condition ? DslSentence.Part.CONSEQUENCE : DslSentence.Part.CONDITION;
        if (language.sentenceFor(line, other).isPresent()) {
            return condition
                    ? what + ", but a conclusion: is the \"then\" line above it missing?"
                    : what + ", but a condition: move it above \"then\"";
        }
        if (line.startsWith("@")) {
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
}
