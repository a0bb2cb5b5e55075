package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The chain key is derived from the audit secret, not the secret itself, and MACs separate their domains. */
class AuditKeysTest {
    private static String hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("the chain MAC is not an HMAC under the raw secret (which pseudonyms use), and is stable per secret")
    void chainKey_isDerivedNotReused() throws Exception {
        AuditKeys keys = AuditKeys.of(AuditFixtures.KEY);

        String mac = keys.mac(AuditLog.RECORD_DOMAIN, "abc");

        assertThat(mac).hasSize(64).isNotEqualTo(hmac(AuditFixtures.KEY, "record\nabc"));
        assertThat(AuditKeys.of(AuditFixtures.KEY.clone()).mac(AuditLog.RECORD_DOMAIN, "abc")).isEqualTo(mac);
        assertThat(AuditKeys.of(AuditFixtures.OTHER_KEY).mac(AuditLog.RECORD_DOMAIN, "abc")).isNotEqualTo(mac);
        assertThat(keys.mac(AuditLog.HEAD_DOMAIN, "abc")).as("domains are separated").isNotEqualTo(mac);
        assertThat(keys.matches(AuditLog.RECORD_DOMAIN, "abc", mac)).isTrue();
        assertThat(keys.matches(AuditLog.RECORD_DOMAIN, "abd", mac)).isFalse();
        assertThat(keys.matches(AuditLog.RECORD_DOMAIN, "abc", null)).isFalse();
    }

    @Test
    @DisplayName("a secret shorter than 32 bytes, or none, is refused with its length")
    void shortSecret_isRefused() {
        assertThatThrownBy(() -> AuditKeys.of(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes, had 31");
        assertThatThrownBy(() -> AuditKeys.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
