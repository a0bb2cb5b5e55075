package org.twitchtriage.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a patient reference into a keyed hash (HMAC-SHA256), so that the audit log can link the decisions about one
 * patient without ever holding the reference. Without the key the pseudonym cannot be reversed or recomputed from a
 * guessed reference. Thread-safe (a new {@link Mac} per call).
 */
public final class Pseudonymizer {
    /** Shortest accepted key, in bytes (HMAC-SHA256 keys below 32 bytes weaken it). */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /**
     * @param key the secret, at least {@value #MIN_KEY_BYTES} bytes; the caller keeps it outside the audit log
     * @throws IllegalArgumentException when the key is too short
     */
    public Pseudonymizer(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonymization key must have at least " + MIN_KEY_BYTES
                    + " bytes, had " + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
    }

    /** @return the pseudonym of a reference: lower-case hex of HMAC-SHA256(key, reference) */
    public String pseudonym(String reference) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(reference.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
