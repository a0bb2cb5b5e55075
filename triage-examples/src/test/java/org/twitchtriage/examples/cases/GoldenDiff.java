package org.twitchtriage.examples.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Describes how a decision differs from its golden file, for people: a list of JSON paths with the golden and the
 * current value ({@code $.findings[2].urgency: golden "ROUTINE", now "SOON"}), and a line diff of the two texts with
 * line numbers. Stateless.
 */
final class GoldenDiff {
    /** Beyond this many lines on a side the line diff is skipped: the path list is enough then. */
    private static final int MAX_LINES_FOR_LINE_DIFF = 5_000;
    private static final int CONTEXT = 2;
    private static final int MAX_VALUE_LENGTH = 100;

    private GoldenDiff() {
    }

    /**
     * @param golden the golden file's content
     * @param now    the current decision
     * @return every difference as {@code path: what}, in document order; empty when the two are equal
     */
    static List<String> paths(JsonNode golden, JsonNode now) {
        List<String> out = new ArrayList<>();
        walk("$", golden, now, out);
        return out;
    }

    private static void walk(String path, JsonNode golden, JsonNode now, List<String> out) {
        // JsonNode#equals ignores the order of fields; the text does not
        if (golden.equals(now) && golden.toString().equals(now.toString())) {
            return;
        }
        if (golden.isObject() && now.isObject()) {
            for (Iterator<String> it = golden.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (now.has(name)) {
                    walk(path + "." + name, golden.get(name), now.get(name), out);
                } else {
                    out.add(path + "." + name + ": in the golden file (" + brief(golden.get(name)) + "), now missing");
                }
            }
            for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!golden.has(name)) {
                    out.add(path + "." + name + ": not in the golden file, now " + brief(now.get(name)));
                }
            }
            List<String> goldenOrder = fieldNames(golden);
            List<String> nowOrder = fieldNames(now);
            goldenOrder.retainAll(nowOrder);
            nowOrder.retainAll(goldenOrder);
            if (!goldenOrder.equals(nowOrder)) {
                out.add(path + ": fields in a different order: golden " + goldenOrder + ", now " + nowOrder);
            }
        } else if (golden.isArray() && now.isArray()) {
            // align entries by what they are (a finding by its code, a rule firing by its id and facts), so that one
            // inserted finding shows as one addition instead of shifting every entry after it
            for (Edit e : edits(keys(golden), keys(now))) {
                switch (e.kind) {
                    case ' ' -> walk(path + index(e.goldenAt, e.nowAt), golden.get(e.goldenAt),
                            now.get(e.nowAt), out);
                    case '-' -> out.add(path + "[" + e.goldenAt + "]: in the golden file ("
                            + brief(golden.get(e.goldenAt)) + "), now missing");
                    default -> out.add(path + "[" + e.nowAt + "]: not in the golden file, now "
                            + brief(now.get(e.nowAt)));
                }
            }
        } else {
            out.add(path + ": golden " + brief(golden) + ", now " + brief(now));
        }
    }

    /** {@code [i]}, or {@code [i->j]} when an entry moved from position i in the golden file to j now. */
    private static String index(int golden, int now) {
        return golden == now ? "[" + golden + "]" : "[" + golden + "->" + now + "]";
    }

    /** What identifies each entry of an array: its code, rule id or id (with twitch and facts), or its value. */
    private static List<String> keys(JsonNode array) {
        List<String> keys = new ArrayList<>();
        for (JsonNode entry : array) {
            String key = entry.toString();
            for (String field : List.of("code", "ruleId", "id")) {
                if (entry.isObject() && entry.hasNonNull(field)) {
                    key = field + "=" + entry.get(field).asText() + " twitch=" + entry.path("twitchId").asText()
                            + " matched=" + entry.path("matched");
                    break;
                }
            }
            keys.add(key);
        }
        return keys;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A short rendering of a value; findings and fired rules are named by their code or id. */
    private static String brief(JsonNode node) {
        if (node.isObject()) {
            for (String key : List.of("code", "id", "ruleId")) {
                if (node.hasNonNull(key)) {
                    return "{" + key + ": " + node.get(key).asText()
                            + (node.hasNonNull("twitchId") ? ", twitchId: " + node.get("twitchId").asText() : "")
                            + ", ...}";
                }
            }
            return "an object";
        }
        if (node.isArray()) {
            return "[" + node.size() + " entries]";
        }
        String text = node.toString();
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "...";
    }

    /**
     * A unified diff of two texts, line numbers of the golden file on removed and context lines, of the current text
     * on added lines.
     *
     * @param golden   the golden file's lines
     * @param now      the current lines
     * @param maxLines at most this many lines are returned
     * @return the diff lines; empty when the texts are equal
     */
    static List<String> lines(List<String> golden, List<String> now, int maxLines) {
        if (golden.equals(now)) {
            return List.of();
        }
        if (golden.size() > MAX_LINES_FOR_LINE_DIFF || now.size() > MAX_LINES_FOR_LINE_DIFF) {
            return List.of("(texts too long for a line diff: " + golden.size() + " and " + now.size() + " lines)");
        }
        List<Edit> edits = edits(golden, now);
        boolean[] shown = new boolean[edits.size()];
        for (int i = 0; i < edits.size(); i++) {
            if (edits.get(i).kind != ' ') {
                for (int j = Math.max(0, i - CONTEXT); j <= Math.min(edits.size() - 1, i + CONTEXT); j++) {
                    shown[j] = true;
                }
            }
        }
        int width = String.valueOf(Math.max(golden.size(), now.size())).length();
        List<String> out = new ArrayList<>();
        boolean gap = true;
        for (int i = 0; i < edits.size(); i++) {
            if (!shown[i]) {
                gap = true;
                continue;
            }
            if (out.size() >= maxLines) {
                out.add("... (diff cut off after " + maxLines + " lines)");
                break;
            }
            Edit e = edits.get(i);
            if (gap) {
                out.add("@@ golden line " + (e.goldenAt + 1) + ", current line " + (e.nowAt + 1) + " @@");
                gap = false;
            }
            int number = e.kind == '+' ? e.nowAt + 1 : e.goldenAt + 1;
            out.add(e.kind + " " + String.format("%" + width + "d", number) + " | " + e.text);
        }
        return out;
    }

    /** One step of an edit script over lines or array entries: kept (' '), removed ('-') or added ('+'). */
    private record Edit(char kind, int goldenAt, int nowAt, String text) {
    }

    /** The shortest edit script by longest common subsequence; inputs here are at most a few hundred items. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', i, j, a.get(i)));
                i++;
                j++;
            } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit('-', i, j, a.get(i)));
                i++;
            } else {
                edits.add(new Edit('+', i, j, b.get(j)));
                j++;
            }
        }
        return edits;
    }
}
