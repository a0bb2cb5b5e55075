package org.twitchtriage.cdshooks.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (RFC 9562 version 5, SHA-1) in the service's own namespace. The same name always gives the same
 * UUID, so a card's uuid can be recomputed from its decision id and finding code, for example to join feedback to the
 * decision record in an audit log. Stateless.
 */
public final class Uuids {
    /** The namespace of every UUID this service derives (a fixed, randomly chosen UUID). */
    public static final UUID NAMESPACE = UUID.fromString("5b0f3c1e-9a7d-4f2b-8e61-2d4c7a9b0e13");

    private Uuids() {
    }

    /** @return the version-5 UUID of {@code name} in {@link #NAMESPACE} */
    public static UUID of(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** @return the uuid of the card led by {@code findingCode} in decision {@code decisionId} */
    public static String card(String decisionId, String findingCode) {
        return of("card/" + decisionId + "/" + findingCode).toString();
    }

    /** @return the uuid of the suggestion proposing {@code findingCode} in decision {@code decisionId} */
    public static String suggestion(String decisionId, String findingCode) {
        return of("suggestion/" + decisionId + "/" + findingCode).toString();
    }
}
