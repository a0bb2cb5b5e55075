package org.twitchtriage.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token checks and the key files, without HTTP. */
class TokenVerifierTest {
    static final Instant NOW = Instant.parse("2025-11-25T10:00:00Z");
    static final String ISS = "https://ehr.test";
    static final String AUD = "https://cds.test/cds-services";

    ECKey key;

    @BeforeEach
    void makeKey() throws Exception {
        key = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
    }

    TokenVerifier verifier(int replayCapacity) {
        return new TokenVerifier(Map.of(ISS, new JWKSet(key.toPublicJWK())), Duration.ofSeconds(30),
                Duration.ofMinutes(5), new ReplayCache(replayCapacity), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    String token(String jti, List<String> audience, Instant iat, Instant exp) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("k1")
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(ISS).audience(audience)
                .issueTime(Date.from(iat)).expirationTime(Date.from(exp)).jwtID(jti).build());
        jwt.sign(new ECDSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    @Test
    @DisplayName("aud may be a list that contains the endpoint called")
    void audienceList_containingTheEndpoint_isAccepted() throws Exception {
        String t = token("j1", List.of("https://elsewhere.test", AUD), NOW, NOW.plusSeconds(60));

        assertThat(verifier(10).verify(t, AUD).issuer()).isEqualTo(ISS);
    }

    @Test
    @DisplayName("the clock skew tolerates a token just past its exp, and no more")
    void clockSkew_isTolerated() throws Exception {
        TokenVerifier v = verifier(10);

        v.verify(token("j1", List.of(AUD), NOW.minusSeconds(100), NOW.minusSeconds(20)), AUD);
        assertThatThrownBy(() -> v.verify(token("j2", List.of(AUD), NOW.minusSeconds(100), NOW.minusSeconds(40)),
                AUD)).isInstanceOf(TokenVerifier.Refused.class).hasMessageContaining("expired");
    }

    /** @return the token with its signature (R || S, 48 bytes each for ES384) replaced by the one given */
    static String withSignature(String bearer, byte[] signature) {
        String jwt = bearer.substring("Bearer ".length());
        return "Bearer " + jwt.substring(0, jwt.lastIndexOf('.') + 1)
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    static byte[] signatureOf(String bearer) {
        return java.util.Base64.getUrlDecoder().decode(bearer.substring(bearer.lastIndexOf('.') + 1));
    }

    @Test
    @DisplayName("EC signatures are checked by the Bouncy Castle provider: a good one passes, and zeros, a flipped "
            + "bit, a swapped R and S or a short signature are refused")
    void ecSignatures_checkedByBouncyCastle() throws Exception {
        TokenVerifier v = verifier(100);
        String good = token("good", List.of(AUD), NOW, NOW.plusSeconds(60));
        v.verify(good, AUD);
        byte[] sig = signatureOf(good);
        byte[] flipped = sig.clone();
        flipped[10] ^= 1;
        byte[] swapped = new byte[sig.length];
        System.arraycopy(sig, 48, swapped, 0, 48);
        System.arraycopy(sig, 0, swapped, 48, 48);
        byte[][] forged = {new byte[96], flipped, swapped, java.util.Arrays.copyOf(sig, 64)};

        for (int i = 0; i < forged.length; i++) {
            String t = withSignature(token("forged-" + i, List.of(AUD), NOW, NOW.plusSeconds(60)), forged[i]);
            assertThatThrownBy(() -> v.verify(t, AUD)).as("forged signature %d", i)
                    .isInstanceOf(TokenVerifier.Refused.class);
        }
        assertThat(v.ecProvider()).isEqualTo("BC");
    }

    String tokenNotBefore(String jti, Instant nbf) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("k1")
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(ISS).audience(AUD)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(120))).notBeforeTime(Date.from(nbf))
                .jwtID(jti).build());
        jwt.sign(new ECDSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    @Test
    @DisplayName("nbf in the future beyond the clock skew is refused; within the skew or past it is accepted")
    void notBefore_isChecked_withTheSameSkew() throws Exception {
        TokenVerifier v = verifier(10);

        v.verify(tokenNotBefore("j1", NOW.minusSeconds(5)), AUD);
        v.verify(tokenNotBefore("j2", NOW.plusSeconds(20)), AUD);
        assertThatThrownBy(() -> v.verify(tokenNotBefore("j3", NOW.plusSeconds(40)), AUD))
                .isInstanceOf(TokenVerifier.Refused.class).hasMessageContaining("nbf");
    }

    @Test
    @DisplayName("the scheme name Bearer is case-insensitive; another scheme is refused")
    void schemeName() throws Exception {
        String t = token("j1", List.of(AUD), NOW, NOW.plusSeconds(60)).substring("Bearer ".length());

        verifier(10).verify("bearer " + t, AUD);
        assertThatThrownBy(() -> verifier(10).verify("Basic " + t, AUD))
                .isInstanceOf(TokenVerifier.Refused.class).hasMessageContaining("Bearer");
    }

    @Test
    @DisplayName("a full replay cache refuses new tokens as unavailable instead of forgetting used ones")
    void fullReplayCache_refusesAsUnavailable() throws Exception {
        TokenVerifier v = verifier(1);
        v.verify(token("j1", List.of(AUD), NOW, NOW.plusSeconds(60)), AUD);

        TokenVerifier.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(TokenVerifier.Refused.class,
                () -> v.verify(token("j2", List.of(AUD), NOW, NOW.plusSeconds(60)), AUD));

        assertThat(refused.unavailable()).isTrue();
    }

    @Test
    @DisplayName("a used token id is forgotten once the token has expired, so the cache does not grow forever")
    void replayCache_forgetsExpiredTokens() {
        ReplayCache cache = new ReplayCache(1);

        assertThat(cache.markUsed(ISS, "j1", NOW.plusSeconds(10), NOW)).isEqualTo(ReplayCache.Result.FIRST_USE);
        assertThat(cache.markUsed(ISS, "j1", NOW.plusSeconds(10), NOW)).isEqualTo(ReplayCache.Result.REPLAYED);
        assertThat(cache.markUsed(ISS, "j2", NOW.plusSeconds(90), NOW.plusSeconds(20)))
                .isEqualTo(ReplayCache.Result.FIRST_USE);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("a JWK Set keeps only public keys (never a shared secret) and refuses weak, unnamed or repeated keys")
    void loadKeys_checksEveryKey(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.json");
        Files.writeString(good, new JWKSet(key).toString(false), StandardCharsets.UTF_8);
        assertThat(TokenVerifier.loadKeys(good).getKeys()).singleElement()
                .satisfies(k -> assertThat(k.isPrivate()).isFalse());

        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
        var weakRsa = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        ECKey unnamed = new ECKeyGenerator(Curve.P_256).generate();
        ECKey twin = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"keys\":[" + secret.toJSONString() + "," + weakRsa.toPublicJWK().toJSONString()
                + "," + unnamed.toPublicJWK().toJSONString() + "," + key.toPublicJWK().toJSONString() + ","
                + twin.toPublicJWK().toJSONString() + "]}", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TokenVerifier.loadKeys(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no kid").hasMessageContaining("1024 bits")
                .hasMessageContaining("kid k1 appears twice");
        Path secretOnly = dir.resolve("secret.json");
        Files.writeString(secretOnly, new JWKSet(secret).toString(false), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TokenVerifier.loadKeys(secretOnly)).hasMessageContaining("no public key");
        assertThatThrownBy(() -> TokenVerifier.loadKeys(dir.resolve("missing.json")))
                .hasMessageContaining("cannot read");
    }
}
