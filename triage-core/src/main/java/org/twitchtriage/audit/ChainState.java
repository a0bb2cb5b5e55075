package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.twitchtriage.validation.Limits;

/**
 * Where a hash chain stands while its lines are read one by one, and the check that a line continues it. The one
 * definition of a valid line, used by recovery on open and by {@link AuditLogVerifier}. Not thread-safe.
 */
final class ChainState {
    /** The problem reported for a line whose MAC is not the one the key gives. */
    static final String MAC_MISMATCH = "its MAC does not match (the record was forged or re-chained without the "
            + "audit key, or the key is not the log's)";
    private long records;
    private String lastHash;
    private Boolean keyed;
    private long recoveries;

    /**
     * @param records  records before the first line to be read
     * @param lastHash hash of the last of them
     * @param keyed    whether lines carry a MAC; {@code null} to learn it from the first line
     */
    ChainState(long records, String lastHash, Boolean keyed) {
        this.records = records;
        this.lastHash = lastHash;
        this.keyed = keyed;
    }

    long records() {
        return records;
    }

    String lastHash() {
        return lastHash;
    }

    /** @return whether the lines carry MACs (format 2), or {@code null} before the first line */
    Boolean keyed() {
        return keyed;
    }

    /** @return how many accepted lines record an automatic recovery */
    long recoveries() {
        return recoveries;
    }

    /**
     * Checks one line and, when it continues the chain, advances past it.
     *
     * @param text the line, {@code null} when it was longer than the bound
     * @param keys the chain key, or {@code null} to check hashes only
     * @return {@code null} when the line was accepted, otherwise what is wrong with it
     */
    String accept(String text, AuditKeys keys) {
        if (text == null) {
            return "the line is longer than the bound of " + Limits.MAX_AUDIT_RECORD_BYTES + " bytes for one record";
        }
        JsonNode node = AuditLog.parse(text);
        if (node == null) {
            return "not valid JSON (edited or cut off)";
        }
        if (!node.path("hash").isTextual()) {
            return "not an audit record (no hash)";
        }
        String hash = node.get("hash").asText();
        if (!hash.equals(AuditLog.hashOf(node))) {
            return "content does not match its hash (the record was edited)";
        }
        // the hash covers the parsed content; a line whose text differs from that (a key given twice, which this
        // parser reads as its last value and another reader may read as its first) was edited too
        if (!text.equals(CanonicalJson.write(node))) {
            return "the line is not in the form the audit log writes (the record was edited)";
        }
        if (node.path("sequence").asLong(-1) != records + 1) {
            return "sequence number " + node.path("sequence").asText() + " where " + (records + 1)
                    + " was expected (records were removed or reordered)";
        }
        if (!lastHash.equals(node.path("previousHash").asText())) {
            return "previous hash does not match the record before it (records were removed, inserted or reordered)";
        }
        boolean hasMac = node.path("mac").isTextual();
        if (keyed == null) {
            keyed = hasMac;
        } else if (keyed != hasMac) {
            return hasMac ? "a line with a MAC in a log of the older unkeyed format"
                    : "a line without a MAC in a keyed log (forged or downgraded)";
        }
        if (hasMac && keys != null && !keys.matches(AuditLog.RECORD_DOMAIN, hash, node.get("mac").asText())) {
            return MAC_MISMATCH;
        }
        if (AuditLog.RECOVERED.equals(node.path("recordType").asText())) {
            recoveries++;
        }
        records++;
        lastHash = hash;
        return null;
    }
}
