package org.twitchtriage.authoring.html;

/** Escaping of text for HTML and inline SVG, and fragment identifiers (anchors) made from arbitrary names. */
final class Html {
    private Html() {
    }

    /**
     * Escapes text for element content and for attribute values in double or single quotes. Characters HTML does
     * not allow in a document (controls other than tab, line feed and carriage return, lone surrogates, non-characters
     * U+FFFE and U+FFFF) become U+FFFD.
     *
     * @param text the text; {@code null} gives the empty string
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (allowed(c)) {
                        out.append(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean allowed(char c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        return c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    }

    /**
     * Makes a fragment identifier from a name: letters, digits and {@code -} stay, every other character (the
     * underscore included) becomes {@code _<hex>_}, so that different names never give the same anchor.
     *
     * @param prefix what the anchor starts with, e.g. {@code rule-}; letters, digits and {@code -} only
     * @param name   the name; {@code null} is treated as empty
     */
    static String anchor(String prefix, String name) {
        StringBuilder out = new StringBuilder(prefix);
        String s = name == null ? "" : name;
        s.codePoints().forEach(cp -> {
            if (cp < 128 && (Character.isLetterOrDigit(cp) || cp == '-')) {
                out.appendCodePoint(cp);
            } else {
                out.append('_').append(Integer.toHexString(cp)).append('_');
            }
        });
        return out.toString();
    }
}
