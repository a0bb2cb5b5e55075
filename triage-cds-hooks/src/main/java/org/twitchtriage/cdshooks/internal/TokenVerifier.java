package org.twitchtriage.cdshooks.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the JSON Web Token a CDS Client sends as {@code Authorization: Bearer} with every call (CDS Hooks 2.0,
 * "Trusting CDS Clients"): signed with an asymmetric algorithm (RS256, RS384, ES256, ES384; never {@code none} or
 * HMAC) by a key of an allowed issuer, the key chosen by {@code kid} from that issuer's configured JWK Set (a
 * {@code jku} header is never followed); {@code aud} names the endpoint called; {@code exp} not passed and
 * {@code iat} and {@code nbf} (when present) not in the future (all within the clock skew); the lifetime {@code exp - iat} bounded; {@code jti}
 * present and not seen before while the token is valid. Thread-safe.
 */
public final class TokenVerifier {
    /** The signing algorithms accepted. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    private static final int MIN_RSA_BITS = 2048;

    private final Map<String, JWKSet> keysByIssuer;
    private final Duration skew;
    private final Duration maxLifetime;
    private final ReplayCache replays;
    private final Clock clock;

    /** A token that passed every check. @param issuer its {@code iss} */
    public record Verified(String issuer) {
    }

    /** Why a token was refused; the service answers 401 (or 503 when the replay cache is full). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean unavailable;

        Refused(String reason) {
            this(reason, false);
        }

        Refused(String reason, boolean unavailable) {
            super(reason);
            this.unavailable = unavailable;
        }

        /** @return true when the token may be fine but the service cannot take it now */
        public boolean unavailable() {
            return unavailable;
        }
    }

    /**
     * @param keysByIssuer the allowed issuers ({@code iss} values) and their public keys
     * @param skew         tolerance for clocks that disagree, applied to {@code exp}, {@code iat} and {@code nbf}
     * @param maxLifetime  longest accepted {@code exp - iat}
     * @param replays      where used token ids are remembered
     * @param clock        the current time
     */
    public TokenVerifier(Map<String, JWKSet> keysByIssuer, Duration skew, Duration maxLifetime, ReplayCache replays,
                         Clock clock) {
        this.keysByIssuer = Map.copyOf(keysByIssuer);
        this.skew = skew;
        this.maxLifetime = maxLifetime;
        this.replays = replays;
        this.clock = clock;
    }

    /**
     * Reads an issuer's JWK Set, keeping the public keys only, and checks that each key can verify an accepted
     * algorithm.
     *
     * @return the public keys
     * @throws IllegalArgumentException naming every problem with the file
     */
    public static JWKSet loadKeys(Path file) {
        JWKSet set;
        try {
            set = JWKSet.parse(Files.readString(file)).toPublicJWKSet();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read JWK Set " + file + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("JWK Set " + file + " is not a valid JWK Set: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        if (set.getKeys().isEmpty()) {
            problems.add("it holds no public key");
        }
        for (JWK k : set.getKeys()) {
            if (k.getKeyID() == null || k.getKeyID().isBlank()) {
                problems.add("a key has no kid (tokens name their key by kid)");
            } else if (!kids.add(k.getKeyID())) {
                problems.add("kid " + k.getKeyID() + " appears twice");
            }
            if (k instanceof RSAKey rsa) {
                if (rsa.size() < MIN_RSA_BITS) {
                    problems.add("RSA key " + k.getKeyID() + " has " + rsa.size() + " bits; at least "
                            + MIN_RSA_BITS + " are required");
                }
            } else if (k instanceof ECKey ec) {
                if (!Curve.P_256.equals(ec.getCurve()) && !Curve.P_384.equals(ec.getCurve())) {
                    problems.add("EC key " + k.getKeyID() + " is on curve " + ec.getCurve()
                            + "; P-256 (ES256) and P-384 (ES384) are accepted");
                }
            } else {
                problems.add("key " + k.getKeyID() + " has type " + k.getKeyType()
                        + "; RSA and EC keys are accepted (symmetric keys never)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("JWK Set " + file + ": " + String.join("; ", problems));
        }
        return set;
    }

    /**
     * @param authorization    the {@code Authorization} header, or {@code null}
     * @param expectedAudience the URL of the endpoint called (configured base URL plus path)
     * @return the verified token
     * @throws Refused with the reason, when the token is missing or fails a check
     */
    public Verified verify(String authorization, String expectedAudience) throws Refused {
        if (authorization == null || authorization.isBlank()) {
            throw new Refused("no bearer token: send the header 'Authorization: Bearer <JWT>'");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw new Refused("the Authorization header does not carry a Bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(parts[1]);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("the bearer token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new Refused("the token is signed with " + header.getAlgorithm()
                    + "; accepted are RS256, RS384, ES256 and ES384");
        }
        if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) {
            throw new Refused("the token header's typ must be JWT");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new Refused("the token header has no kid naming the signing key");
        }
        String issuer = claims.getIssuer();
        JWKSet keys = issuer == null ? null : keysByIssuer.get(issuer);
        if (keys == null) {
            throw new Refused(issuer == null ? "the token has no iss" : "the token's issuer is not trusted");
        }
        JWK key = keys.getKeyByKeyId(header.getKeyID());
        if (key == null) {
            throw new Refused("the issuer has no key with the token's kid");
        }
        if (!signatureValid(jwt, key)) {
            throw new Refused("the token's signature does not verify with the issuer's key");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(expectedAudience)) {
            throw new Refused("the token's aud must be the URL of the endpoint called: " + expectedAudience);
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) {
            throw new Refused("the token has no exp");
        }
        Instant exp = claims.getExpirationTime().toInstant();
        if (now.isAfter(exp.plus(skew))) {
            throw new Refused("the token has expired");
        }
        if (claims.getIssueTime() == null) {
            throw new Refused("the token has no iat");
        }
        Instant iat = claims.getIssueTime().toInstant();
        if (iat.isAfter(now.plus(skew))) {
            throw new Refused("the token's iat lies in the future");
        }
        // nbf is optional in a CDS Hooks token, but when present it is binding (RFC 7519, 4.1.5), with the same skew.
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew))) {
            throw new Refused("the token is not valid yet (its nbf lies in the future)");
        }
        if (Duration.between(iat, exp).compareTo(maxLifetime) > 0) {
            throw new Refused("the token is valid for longer than the accepted " + maxLifetime.toSeconds()
                    + " seconds (exp - iat)");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new Refused("the token has no jti");
        }
        switch (replays.markUsed(issuer, jti, exp.plus(skew), now)) {
            case REPLAYED -> throw new Refused("the token was used before (its jti is not new)");
            case FULL -> throw new Refused("too many tokens are in use right now; retry shortly", true);
            default -> {
                // first use: accepted
            }
        }
        return new Verified(issuer);
    }

    private static boolean signatureValid(SignedJWT jwt, JWK key) throws Refused {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw new Refused("the issuer's key with the token's kid is not a signing key");
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            throw new Refused("the issuer's key with the token's kid is for " + key.getAlgorithm() + ", not " + alg);
        }
        try {
            JWSVerifier verifier;
            if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
                verifier = new RSASSAVerifier(rsa.toRSAPublicKey());
            } else if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
                Curve expected = JWSAlgorithm.ES256.equals(alg) ? Curve.P_256 : Curve.P_384;
                if (!expected.equals(ec.getCurve())) {
                    throw new Refused(alg + " needs a key on curve " + expected);
                }
                verifier = new ECDSAVerifier(ec.toECPublicKey());
            } else {
                throw new Refused("the token's algorithm " + alg + " does not fit the issuer's key type "
                        + key.getKeyType());
            }
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }
}
