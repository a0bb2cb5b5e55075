package org.twitchtriage.cdshooks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Keys made in the test (never committed) and tokens signed with them, for two made-up EHR issuers. Issuer A has an
 * RSA key (RS256/RS384) and two EC keys (P-256 for ES256, P-384 for ES384); issuer B has one EC P-384 key.
 */
final class TestKeys {
    static final String ISSUER_A = "https://ehr-a.test/fhir";
    static final String ISSUER_B = "https://ehr-b.test";
    static final String RSA_KID = "a-rsa";
    static final String EC256_KID = "a-ec256";
    static final String EC384_KID = "a-ec384";
    static final String B_KID = "b-ec384";

    final RSAKey rsa;
    final ECKey ec256;
    final ECKey ec384;
    final ECKey issuerB;

    TestKeys() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID(RSA_KID).generate();
            ec256 = new ECKeyGenerator(Curve.P_256).keyID(EC256_KID).generate();
            ec384 = new ECKeyGenerator(Curve.P_384).keyID(EC384_KID).generate();
            issuerB = new ECKeyGenerator(Curve.P_384).keyID(B_KID).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public JWK Sets of both issuers into {@code dir}; @return {A file, B file} */
    Path[] writeJwks(Path dir) {
        try {
            Path a = dir.resolve("issuer-a-jwks.json");
            Path b = dir.resolve("issuer-b-jwks.json");
            Files.writeString(a, new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec256.toPublicJWK(),
                    ec384.toPublicJWK())).toString(true), StandardCharsets.UTF_8);
            Files.writeString(b, new JWKSet(issuerB.toPublicJWK()).toString(true), StandardCharsets.UTF_8);
            return new Path[] {a, b};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a token builder with valid defaults: issuer A, ES384, issued now, 4 minutes, fresh jti */
    Token token(String audience, Instant now) {
        return new Token(this, audience, now);
    }

    /** A token to be signed; change what a test needs, then {@link #sign()}. */
    static final class Token {
        private final TestKeys keys;
        String issuer = ISSUER_A;
        String audience;
        JWSAlgorithm alg = JWSAlgorithm.ES384;
        String kid = EC384_KID;
        JOSEObjectType typ = JOSEObjectType.JWT;
        Instant iat;
        Instant exp;
        String jti = UUID.randomUUID().toString();
        JWSSigner signer;

        private Token(TestKeys keys, String audience, Instant now) {
            this.keys = keys;
            this.audience = audience;
            this.iat = now;
            this.exp = now.plusSeconds(240);
        }

        Token alg(JWSAlgorithm a) {
            this.alg = a;
            this.kid = JWSAlgorithm.Family.RSA.contains(a) ? RSA_KID : JWSAlgorithm.ES256.equals(a) ? EC256_KID
                    : EC384_KID;
            return this;
        }

        String sign() {
            try {
                JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(issuer);
                if (audience != null) {
                    c.audience(audience);
                }
                if (iat != null) {
                    c.issueTime(Date.from(iat));
                }
                if (exp != null) {
                    c.expirationTime(Date.from(exp));
                }
                if (jti != null) {
                    c.jwtID(jti);
                }
                JWSHeader.Builder h = new JWSHeader.Builder(alg).type(typ);
                if (kid != null) {
                    h.keyID(kid);
                }
                SignedJWT jwt = new SignedJWT(h.build(), c.build());
                jwt.sign(signer != null ? signer : defaultSigner());
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private JWSSigner defaultSigner() throws JOSEException {
            if (JWSAlgorithm.Family.RSA.contains(alg)) {
                return new RSASSASigner(keys.rsa);
            }
            if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                return new MACSigner(new byte[32]);
            }
            if (ISSUER_B.equals(issuer)) {
                return new ECDSASigner(keys.issuerB);
            }
            return new ECDSASigner(JWSAlgorithm.ES256.equals(alg) ? keys.ec256 : keys.ec384);
        }
    }
}
