package org.twitchtriage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The format of a JSON Lines audit log, shared by its writer ({@link JsonLinesAuditSink}), its verifier
 * ({@link AuditLogVerifier}) and its readers: the chain fields and how they are computed, and
 * the files beside a log. Stateless.
 *
 * <p>Each line is canonical JSON with {@code sequence}, {@code previousHash}, {@code hash} (SHA-256 of the line
 * without {@code hash} and {@code mac}) and, from format 2 on, {@code mac} (HMAC-SHA256 of the hash under the chain
 * key of {@link AuditKeys}). Format 1 logs (no {@code mac}) are still verified, as unkeyed.
 */
public final class AuditLog {
    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);
    /** {@code recordType} of the line that records an automatic recovery. */
    public static final String RECOVERED = "RECOVERED";
    static final String RECORD_DOMAIN = "record";
    static final String HEAD_DOMAIN = "head";

    private AuditLog() {
    }

    /** @return the head file that belongs to a log: its latest checkpoint */
    public static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    /** @return the hash a line must carry: SHA-256 of its canonical form without {@code hash} and {@code mac} */
    static String hashOf(JsonNode line) {
        ObjectNode copy = ((ObjectNode) line).deepCopy();
        copy.remove("hash");
        copy.remove("mac");
        return CanonicalJson.sha256(copy);
    }

    /** @return the MAC a line with this hash must carry */
    static String macOf(AuditKeys keys, String hash) {
        return keys.mac(RECORD_DOMAIN, hash);
    }

    /** @return the parsed line, or {@code null} when it is not a JSON object */
    static JsonNode parse(String line) {
        try {
            JsonNode node = CanonicalJson.MAPPER.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Where a log's lines are read from: the channel of a sink that has the log open in this process (opening and
     * closing a second channel would drop that sink's lock, see {@link JsonLinesAuditSink}), or a channel of its own.
     */
    record Source(FileChannel channel, boolean own) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (own) {
                channel.close();
            }
        }
    }

    /** @return a source for reading a log without disturbing a writer in this process */
    static Source openForReading(Path file) throws IOException {
        FileChannel shared = JsonLinesAuditSink.channelOfOpen(file);
        if (shared != null) {
            return new Source(shared, false);
        }
        return new Source(FileChannel.open(file, StandardOpenOption.READ), true);
    }
}
