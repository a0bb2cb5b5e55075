package org.twitchtriage.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit secret and the keys derived from it. The operator keeps one secret of at least
 * {@value Pseudonymizer#MIN_KEY_BYTES} bytes away from the log; patient pseudonyms use it as they always did (so that
 * pseudonyms stay linkable across versions), and the MAC that chains the log's records and authenticates its head
 * uses a separate key derived from it HKDF-style (RFC 5869 extract and expand with HMAC-SHA256 and the label
 * {@value #CHAIN_LABEL}). Knowing pseudonyms or MACs reveals nothing about the other key. Immutable, thread-safe.
 */
public final class AuditKeys {
    /** Label of the chain MAC key in the HKDF expand step; a new purpose gets a new label. */
    public static final String CHAIN_LABEL = "twitch-triage audit chain mac v2";
    private static final byte[] SALT = "twitch-triage audit key derivation".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec chainKey;

    private AuditKeys(byte[] secret) {
        byte[] prk = hmac(SALT, secret);
        byte[] info = CHAIN_LABEL.getBytes(StandardCharsets.US_ASCII);
        byte[] expand = Arrays.copyOf(info, info.length + 1);
        expand[info.length] = 1;
        this.chainKey = new SecretKeySpec(hmac(prk, expand), HMAC);
    }

    /**
     * @param secret the operator's audit secret (the same one as for pseudonyms)
     * @throws IllegalArgumentException when it is missing or shorter than {@value Pseudonymizer#MIN_KEY_BYTES} bytes
     */
    public static AuditKeys of(byte[] secret) {
        if (secret == null || secret.length < Pseudonymizer.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the audit key must have at least " + Pseudonymizer.MIN_KEY_BYTES
                    + " bytes, had " + (secret == null ? 0 : secret.length));
        }
        return new AuditKeys(secret);
    }

    /** @return lower-case hex HMAC-SHA256 under the chain key of a domain label and a text */
    String mac(String domain, String text) {
        byte[] d = (domain + "\n" + text).getBytes(StandardCharsets.UTF_8);
        try {
            Mac m = Mac.getInstance(HMAC);
            m.init(chainKey);
            return HexFormat.of().formatHex(m.doFinal(d));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** @return whether a stored MAC is the one this key gives, compared in constant time */
    boolean matches(String domain, String text, String storedMac) {
        return storedMac != null && MessageDigest.isEqual(mac(domain, text).getBytes(StandardCharsets.US_ASCII),
                storedMac.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance(HMAC);
            m.init(new SecretKeySpec(key, HMAC));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
