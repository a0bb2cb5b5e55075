package org.twitchtriage.validation;

/**
 * Makes text that came from input (ids, file names, rule texts from a user's rules folder, messages quoting them)
 * safe to print on a terminal, in one place for every text output: control characters (C0, DEL, C1) and the Unicode
 * bidirectional controls (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) become {@value #REPLACEMENT}, so that a
 * crafted id can neither send escape sequences to the terminal nor reorder what is shown around it. Thread-safe;
 * stateless.
 */
public final class SafeText {
    /** What each neutralised character becomes. */
    public static final char REPLACEMENT = '?';

    private SafeText() {
    }

    /**
     * @param text any text, possibly {@code null}
     * @return the text with every control and bidirectional control character replaced, line breaks included;
     *         {@code "null"} for {@code null}
     */
    public static String line(String text) {
        return neutralise(text, false);
    }

    /**
     * For multi-line text whose line breaks are ours (a stack trace, a rendered explanation).
     *
     * @param text any text, possibly {@code null}
     * @return the text with every control and bidirectional control character replaced, except {@code \n} and
     *         {@code \t}
     */
    public static String lines(String text) {
        return neutralise(text, true);
    }

    /**
     * @param cp a code point
     * @return whether it is a control character or a bidirectional control
     */
    public static boolean isUnsafe(int cp) {
        return Character.isISOControl(cp) || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static String neutralise(String text, boolean keepNewlines) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = isUnsafe(c) && !(keepNewlines && (c == '\n' || c == '\t'));
            if (unsafe && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(unsafe ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
