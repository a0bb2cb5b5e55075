package org.twitchtriage.authoring.folder;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the Drools compiler's messages into plain words, and says which text the problem is about, so that a message
 * without a line number can still be placed. Stateless.
 */
final class CompilerMessages {
    private static final Pattern PARSER = Pattern.compile("^\\[ERR \\d+\\] Line \\d+:\\d+ (.*)$", Pattern.DOTALL);
    private static final Pattern UNEXPECTED = Pattern.compile(
            "^(?:mismatched input|extraneous input|no viable alternative at input) '(.*?)'.*?(?: in rule \"(.*)\")?$",
            Pattern.DOTALL);
    private static final Pattern CONSEQUENCE = Pattern.compile("^Unable to parse consequence caused by: (.*)$",
            Pattern.DOTALL);
    private static final Pattern EXPAND = Pattern.compile("^(?:\\[\\d+\\] )?Unable to expand: (.*)$", Pattern.DOTALL);
    private static final Pattern ANALYSE = Pattern.compile("^Unable to Analyse Expression (.*?):?(?:\\R.*)?$",
            Pattern.DOTALL);
    private static final Pattern LEFT_PART = Pattern.compile("^Unable to parse left part of expression: (.*)$",
            Pattern.DOTALL);
    private static final Pattern NO_CLASS = Pattern.compile("^Unable to find class: ([\\w.$]+)$");
    private static final Pattern UNRESOLVED = Pattern.compile("^(\\$?\\w+) cannot be resolved to a variable$");
    private static final Pattern DUPLICATE_RULE = Pattern.compile("^Duplicate rule name: (.*)$");
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("Unknown field (\\w+) on class ([\\w.$]+)");
    private static final String MODEL = "org.twitchtriage.model.";

    private CompilerMessages() {
    }

    /**
     * A message in plain words and the piece of rule text it is about.
     *
     * @param message the message
     * @param snippet text to look for in the rule file when the compiler gives no line, or {@code null}
     */
    record Plain(String message, String snippet) {
    }

    /** @return the message in plain words, on one line */
    static Plain translate(String text) {
        if (text == null || text.isBlank()) {
            return new Plain("the rule compiler reports an error without a message", null);
        }
        String t = text.strip();
        int trace = t.indexOf("Problem stacktrace");
        if (trace >= 0) {
            t = t.substring(0, trace).strip();
        }
        Matcher m = CONSEQUENCE.matcher(t);
        if (m.matches()) {
            return new Plain("cannot read the conclusions of this rule (" + oneLine(m.group(1))
                    + "); is an explanation not in double quotes, or has one inside?", null);
        }
        m = PARSER.matcher(t);
        if (m.matches()) {
            Matcher u = UNEXPECTED.matcher(m.group(1).strip());
            if (u.matches()) {
                return new Plain("cannot read this line: did not expect '" + u.group(1) + "' here"
                        + (u.group(2) == null ? "" : " (rule \"" + u.group(2) + "\")"), null);
            }
            return new Plain("cannot read this line: " + oneLine(m.group(1)), null);
        }
        m = EXPAND.matcher(t);
        if (m.matches()) {
            return new Plain("\"" + m.group(1).strip() + "\" cannot be expanded with the rule language", null);
        }
        m = UNKNOWN_FIELD.matcher(t);
        if (m.find()) {
            return unknownField(m.group(1), m.group(2));
        }
        m = UNRESOLVED.matcher(t);
        if (m.matches()) {
            String hint = switch (m.group(1)) {
                case "$t" -> " (the twitch: the conditions need a sentence such as \"there is a twitch in the calf\")";
                case "$r" -> " (a referral: the conditions need a sentence such as \"the twitch is referred to a "
                        + "doctor\")";
                default -> "";
            };
            return new Plain("the conclusions use " + m.group(1) + ", which no condition of the rule names" + hint,
                    null);
        }
        m = DUPLICATE_RULE.matcher(t);
        if (m.matches()) {
            return new Plain("another rule of the same package is already named \"" + m.group(1)
                    + "\"; rule names must be unique", null);
        }
        m = NO_CLASS.matcher(t);
        if (m.matches()) {
            return new Plain("there is no fact type " + m.group(1) + " (is it misspelt, or its import missing?)",
                    m.group(1));
        }
        m = LEFT_PART.matcher(t);
        if (m.matches()) {
            String expression = oneLine(m.group(1));
            return new Plain("cannot understand the condition \"" + expression + "\" (is a field misspelt?)",
                    expression);
        }
        m = ANALYSE.matcher(t);
        if (m.matches()) {
            String expression = oneLine(m.group(1));
            return new Plain("cannot understand the condition \"" + expression + "\" (is a field or value misspelt?)",
                    expression);
        }
        return new Plain(oneLine(t), null);
    }

    /** @return whether the message is the dump of a generated Java source, which adds nothing for an author */
    static boolean isGeneratedSource(String text) {
        return text != null && text.strip().startsWith("Java source of ");
    }

    /**
     * @return whether the message only follows from other errors in the same file (the parser giving up after a
     *         syntax error) and says nothing new
     */
    static boolean isConsequential(String text) {
        return text != null && text.strip().equals("Parser returned a null Package");
    }

    /** @return the message on one line */
    static String plain(String text) {
        return translate(text).message();
    }

    private static Plain unknownField(String field, String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        try {
            Class<?> type = Class.forName(className.startsWith(MODEL) ? className : MODEL + simple);
            if (type.isEnum()) {
                String allowed = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                        .collect(Collectors.joining(", "));
                return new Plain(simple + " has no value " + field + "; allowed: " + allowed, simple + "." + field);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // not a model type: say what the compiler said
        }
        return new Plain(simple + " has no field " + field, field);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
