package org.twitchtriage.cdshooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.cdshooks.internal.ReplayCache;
import org.twitchtriage.cdshooks.internal.TokenVerifier;

/** The demo stand-in for an EHR: keys made once on the machine, tokens the service accepts. */
class DemoTokenTest {
    @Test
    @DisplayName("init makes the keys once; a demo token passes the service's checks for its audience")
    void initAndToken_passTheServiceChecks(@TempDir Path dir) throws Exception {
        DemoToken.init(dir);
        String privateKey = Files.readString(dir.resolve(DemoToken.PRIVATE_KEY));
        DemoToken.init(dir);
        assertThat(Files.readString(dir.resolve(DemoToken.PRIVATE_KEY))).as("kept on a second init")
                .isEqualTo(privateKey);
        assertThat(Files.readString(dir.resolve(DemoToken.PUBLIC_JWKS))).doesNotContain("\"d\"");
        assertThat(Files.readString(dir.resolve(DemoToken.AUDIT_KEY)).trim()).hasSizeGreaterThanOrEqualTo(32);

        Instant now = Instant.parse("2025-11-25T10:00:00Z");
        String aud = "http://localhost:8085/cds-services";
        String token = DemoToken.token(dir, aud, now);
        TokenVerifier verifier = new TokenVerifier(
                Map.of(DemoToken.ISSUER, TokenVerifier.loadKeys(dir.resolve(DemoToken.PUBLIC_JWKS))),
                Duration.ofSeconds(30), Duration.ofMinutes(5), new ReplayCache(10),
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(verifier.verify("Bearer " + token, aud).issuer()).isEqualTo(DemoToken.ISSUER);
    }
}
