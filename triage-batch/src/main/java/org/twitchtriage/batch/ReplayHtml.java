package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Writes a replay report of {@link AuditLogReplay} as one self-contained HTML page for review: the totals, the
 * changes by kind, by finding and by rule, and the first differing records. Every text is escaped. Stateless.
 */
public final class ReplayHtml {
    private ReplayHtml() {
    }

    /**
     * @param report the JSON report
     * @return the HTML page
     */
    public static String page(JsonNode report) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>twitch-triage replay</title><style>body{font-family:sans-serif}td,th{border:1px solid #ccc;"
                + "padding:2px 6px}table{border-collapse:collapse;margin-bottom:1em}</style></head><body>\n"
                + "<h1>Decisions that would differ under the current rules</h1>\n<p>Decision support only, not a "
                + "diagnosis.</p>\n");
        if (report.has("chain")) {
            h.append("<p>Audit log: ").append(escape(report.path("chain").path("verdict").asText())).append("</p>\n");
        }
        h.append("<table>");
        for (String k : new String[] {"records", "replayed", "notReplayable", "differing"}) {
            h.append("<tr><th>").append(k).append("</th><td>").append(report.path(k).asLong()).append("</td></tr>");
        }
        h.append("</table>\n<h2>By change</h2>\n<table>");
        report.path("byChange").fields().forEachRemaining(e -> row(h, e.getKey(), e.getValue().asText()));
        h.append("</table>\n");
        nested(h, "By finding", report.path("byFinding"));
        nested(h, "By rule", report.path("byRule"));
        h.append("<h2>First differing records</h2>\n<table><tr><th>line</th><th>decision</th><th>changes</th></tr>");
        for (JsonNode e : report.path("examples")) {
            StringBuilder changes = new StringBuilder();
            e.path("changes").forEach(c -> changes.append(escape(c.asText())).append("<br>"));
            h.append("<tr><td>").append(e.path("line").asLong()).append("</td><td>")
                    .append(escape(e.path("decisionId").asText())).append("</td><td>").append(changes)
                    .append("</td></tr>");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static void nested(StringBuilder h, String title, JsonNode groups) {
        h.append("<h2>").append(title).append("</h2>\n<table>");
        for (Map.Entry<String, JsonNode> g : (Iterable<Map.Entry<String, JsonNode>>) groups::fields) {
            StringBuilder counts = new StringBuilder();
            g.getValue().fields().forEachRemaining(c -> counts.append(escape(c.getKey())).append(": ")
                    .append(c.getValue().asLong()).append("<br>"));
            h.append("<tr><th>").append(escape(g.getKey())).append("</th><td>").append(counts).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
