package org.twitchtriage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a JSON Lines audit log written by {@link JsonLinesAuditSink}: every line is intact JSON, its hash matches
 * its content, its sequence number and previous hash continue the chain, and the log ends where its head file says.
 * An edited, removed, reordered or appended-by-hand line, and a truncated log, are all detected; the report names
 * the first broken line. A line must also be exactly in the canonical form the sink writes, so that no edit that
 * leaves the parsed content alone (such as a repeated key) passes either. Stateless.
 */
public final class AuditLogVerifier {
    private AuditLogVerifier() {
    }

    /**
     * The result of a verification.
     *
     * @param valid      true when the whole log checks out
     * @param records    number of records that checked out before the first problem (all of them when valid)
     * @param brokenLine 1-based line of the first problem, or 0 when the problem is the log's end or head file
     * @param problem    what is wrong, in plain words; {@code null} when valid
     */
    public record Report(boolean valid, long records, long brokenLine, String problem) {
        @Override
        public String toString() {
            return valid ? "valid: " + records + " records"
                    : "BROKEN" + (brokenLine > 0 ? " at line " + brokenLine : "") + ": " + problem + " (" + records
                    + " records intact before it)";
        }
    }

    /** Count and last hash of a log, as its head file or its last line states them. */
    record Head(long records, String lastHash) {
    }

    /**
     * @param file the log
     * @return the report
     * @throws AuditException when the file cannot be read at all
     */
    public static Report verify(Path file) {
        List<String> lines;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            lines = text.lines().toList();
            return check(lines, true);
        }
        lines = text.lines().toList();
        Report chain = check(lines, false);
        if (!chain.valid()) {
            return chain;
        }
        Head head = readHead(file);
        if (head == null) {
            return lines.isEmpty() ? chain : new Report(false, chain.records(), 0,
                    "the head file " + JsonLinesAuditSink.headOf(file).getFileName() + " is missing, so removal of "
                            + "lines at the end cannot be ruled out");
        }
        String last = lines.isEmpty() ? JsonLinesAuditSink.GENESIS : lastHash(lines);
        if (head.records() != lines.size() || !head.lastHash().equals(last)) {
            return new Report(false, chain.records(), 0, "the log ends after record " + lines.size()
                    + " but its head file records " + head.records() + " records ending in hash "
                    + abbreviate(head.lastHash()) + ": records were removed from or added to the end");
        }
        return chain;
    }

    private static Report check(List<String> lines, boolean lastLineUnterminated) {
        String previous = JsonLinesAuditSink.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            long lineNo = i + 1;
            if (lastLineUnterminated && i == lines.size() - 1) {
                return new Report(false, i, lineNo, "the last line is incomplete (the log was cut off)");
            }
            JsonNode node;
            try {
                node = CanonicalJson.MAPPER.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                return new Report(false, i, lineNo, "not valid JSON (edited or cut off)");
            }
            if (node == null || !node.isObject() || !node.hasNonNull("hash")) {
                return new Report(false, i, lineNo, "not an audit record (no hash)");
            }
            String hash = node.get("hash").asText();
            if (!hash.equals(JsonLinesAuditSink.hashOf(node))) {
                return new Report(false, i, lineNo, "content does not match its hash (the record was edited)");
            }
            // the hash covers the parsed content; a line whose text differs from that (a key added twice, which
            // this parser reads as its last value and another reader may read as its first) was edited too
            if (!lines.get(i).equals(CanonicalJson.write(node))) {
                return new Report(false, i, lineNo, "the line is not in the form the audit log writes (the record "
                        + "was edited)");
            }
            if (node.path("sequence").asLong(-1) != lineNo) {
                return new Report(false, i, lineNo, "sequence number " + node.path("sequence").asText()
                        + " where " + lineNo + " was expected (records were removed or reordered)");
            }
            if (!previous.equals(node.path("previousHash").asText())) {
                return new Report(false, i, lineNo, "previous hash does not match the record before it "
                        + "(records were removed, inserted or reordered)");
            }
            previous = hash;
        }
        return new Report(true, lines.size(), 0, null);
    }

    /**
     * Reads where a log ends, for appending: from its head file, cross-checked with its last line.
     *
     * @throws AuditException when they disagree or the last line is damaged
     */
    static Head readEnd(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        Head head = readHead(file);
        if (lines.isEmpty()) {
            if (head != null && head.records() > 0) {
                throw new AuditException("audit log " + file + " is empty but its head file records "
                        + head.records() + " records: it was truncated");
            }
            return new Head(0, JsonLinesAuditSink.GENESIS);
        }
        JsonNode last;
        try {
            last = CanonicalJson.MAPPER.readTree(lines.get(lines.size() - 1));
        } catch (JsonProcessingException e) {
            throw new AuditException("the last line of audit log " + file + " is damaged; run audit verify");
        }
        long sequence = last.path("sequence").asLong(-1);
        String hash = last.path("hash").asText();
        if (head == null || head.records() != sequence || !head.lastHash().equals(hash)
                || sequence != lines.size()) {
            throw new AuditException("audit log " + file + " does not end where its head file says; run audit verify");
        }
        return head;
    }

    private static Head readHead(Path file) {
        Path head = JsonLinesAuditSink.headOf(file);
        if (!Files.exists(head)) {
            return null;
        }
        try {
            JsonNode h = CanonicalJson.MAPPER.readTree(Files.readString(head, StandardCharsets.UTF_8));
            return new Head(h.path("records").asLong(-1), h.path("lastHash").asText(""));
        } catch (IOException e) {
            return new Head(-1, "");
        }
    }

    private static String lastHash(List<String> lines) {
        try {
            return CanonicalJson.MAPPER.readTree(lines.get(lines.size() - 1)).path("hash").asText();
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "..." : hash;
    }
}
