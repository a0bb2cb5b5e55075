package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A signed statement of how far a log reached: its record count, the hash of its last record and its length in
 * bytes, with a MAC under the chain key. The head file beside a log ({@link AuditLog#headOf}) is the latest one; an
 * operator exports copies ({@code audit checkpoint}) to a place the writer cannot rewrite, and {@code audit verify
 * --checkpoint} then proves that the log still holds that record with that hash, so truncation back to an older head
 * is caught. Format 1 head files have no length and no MAC ({@code length} -1, {@code mac} null). Immutable.
 *
 * @param records  number of records up to and including the last one
 * @param lastHash the {@code hash} of the last record, or {@link AuditLog#GENESIS} for none
 * @param length   bytes of the log up to and including that record's newline; -1 when not recorded
 * @param mac      HMAC-SHA256 of the other fields under the chain key; {@code null} in format 1
 */
public record Checkpoint(long records, String lastHash, long length, String mac) {
    /** @return the checkpoint with its MAC under the given keys */
    static Checkpoint signed(AuditKeys keys, long records, String lastHash, long length) {
        return new Checkpoint(records, lastHash, length, keys.mac(AuditLog.HEAD_DOMAIN, text(records, lastHash,
                length)));
    }

    /** @return whether the MAC is the one the keys give (false for an unsigned checkpoint) */
    boolean authentic(AuditKeys keys) {
        return keys.matches(AuditLog.HEAD_DOMAIN, text(records, lastHash, length), mac);
    }

    private static String text(long records, String lastHash, long length) {
        return records + "\n" + lastHash + "\n" + length;
    }

    /** @return the checkpoint as one line of canonical JSON (the head file's and the export's format) */
    public String toJson() {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode().put("records", records).put("lastHash", lastHash);
        if (length >= 0) {
            o.put("length", length);
        }
        if (mac != null) {
            o.put("mac", mac);
        }
        return CanonicalJson.write(o) + "\n";
    }

    /**
     * @param file a head file or an exported checkpoint
     * @return the checkpoint, or {@code null} when the file does not exist
     * @throws AuditException when it exists but is not a checkpoint
     */
    public static Checkpoint read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        String text;
        try {
            if (Files.size(file) > 4096) {
                throw new AuditException("checkpoint file " + file.getFileName() + " is too large to be one");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AuditException("cannot read checkpoint file " + file.getFileName() + ": " + e.getMessage(), e);
        }
        JsonNode h = AuditLog.parse(text.strip());
        if (h == null || !h.path("records").canConvertToLong() || !h.path("lastHash").isTextual()
                || h.path("records").asLong() < 0) {
            throw new AuditException("checkpoint file " + file.getFileName() + " is damaged: it needs records and "
                    + "lastHash");
        }
        return new Checkpoint(h.get("records").asLong(), h.get("lastHash").asText(),
                h.path("length").canConvertToLong() ? h.get("length").asLong() : -1,
                h.path("mac").isTextual() ? h.get("mac").asText() : null);
    }
}
