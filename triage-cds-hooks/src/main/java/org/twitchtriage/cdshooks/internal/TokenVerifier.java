package org.twitchtriage.cdshooks.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks the JSON Web Token a CDS Client sends as {@code Authorization: Bearer} with every call (CDS Hooks 2.0,
 * "Trusting CDS Clients"): signed with an accepted asymmetric algorithm (ES384 and RS384, which the specification
 * recommends, plus those configured; never {@code none} or HMAC) by a key of an allowed issuer. The key is chosen by
 * {@code kid} from the issuer's key source ({@link IssuerKeys}): its configured JWK Set, or the JWK Set named by the
 * token's {@code jku} header when that URL is on the issuer's allow-list (any other {@code jku} is refused). Then
 * {@code aud} names the endpoint called; {@code exp} not passed and {@code iat} and {@code nbf} (when present) not in
 * the future (all within the clock skew); the lifetime {@code exp - iat} bounded; {@code jti} present and not seen
 * before while the token is valid. Thread-safe.
 */
public final class TokenVerifier {
    /** The signing algorithms the CDS Hooks text recommends; always accepted. */
    public static final Set<JWSAlgorithm> SPECIFIED = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    /** The further algorithms that configuration may add: asymmetric ones with keys this class checks. */
    public static final Set<String> CONFIGURABLE = Set.of("RS256", "RS512", "ES256", "ES512", "PS256", "PS384",
            "PS512");
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_CACHED_VERIFIERS = 64;

    private final Map<String, IssuerKeys> issuers;
    private final Set<JWSAlgorithm> algorithms;
    private final Duration skew;
    private final Duration maxLifetime;
    private final ReplayCache replays;
    private final Clock clock;
    /** Verifiers per public key (by value) and algorithm, made once the key passed every check; bounded. */
    private final Map<VerifierKey, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    /** A public key with the algorithm it verifies. */
    private record VerifierKey(JWK key, JWSAlgorithm alg) {
    }

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
     * @param issuers     the allowed issuers ({@code iss} values) and where their keys come from
     * @param extra       algorithms accepted besides {@link #SPECIFIED}, each one of {@link #CONFIGURABLE}
     * @param skew        tolerance for clocks that disagree, applied to {@code exp}, {@code iat} and {@code nbf}
     * @param maxLifetime longest accepted {@code exp - iat}
     * @param replays     where used token ids are remembered
     * @param clock       the current time
     */
    public TokenVerifier(Map<String, IssuerKeys> issuers, Set<String> extra, Duration skew, Duration maxLifetime,
                         ReplayCache replays, Clock clock) {
        for (String a : extra) {
            if (!CONFIGURABLE.contains(a)) {
                throw new IllegalArgumentException("the algorithm " + a + " cannot be accepted");
            }
        }
        this.issuers = Map.copyOf(issuers);
        Set<JWSAlgorithm> all = new HashSet<>(SPECIFIED);
        extra.forEach(a -> all.add(JWSAlgorithm.parse(a)));
        this.algorithms = Set.copyOf(all);
        this.skew = skew;
        this.maxLifetime = maxLifetime;
        this.replays = replays;
        this.clock = clock;
    }

    /**
     * A verifier for issuers whose keys are fixed JWK Sets, accepting the specified algorithms only.
     *
     * @param keysByIssuer the allowed issuers and their public keys
     */
    public TokenVerifier(Map<String, JWKSet> keysByIssuer, Duration skew, Duration maxLifetime, ReplayCache replays,
                         Clock clock) {
        this(keysByIssuer.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> IssuerKeys.of(e.getValue(), null, List.of(), null))), Set.of(), skew, maxLifetime, replays,
                clock);
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
            String unfit = keyProblem(k);
            if (unfit != null) {
                problems.add(unfit);
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
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new Refused("the token is signed with " + header.getAlgorithm() + "; accepted are "
                    + algorithms.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", ")));
        }
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            throw new Refused("the token header's typ must be JWT (CDS Hooks requires it)");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new Refused("the token header has no kid naming the signing key");
        }
        String issuer = claims.getIssuer();
        IssuerKeys keys = issuer == null ? null : issuers.get(issuer);
        if (keys == null) {
            throw new Refused(issuer == null ? "the token has no iss" : "the token's issuer is not trusted");
        }
        JWK key = keys.find(header.getJWKURL(), header.getKeyID());
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

    private boolean signatureValid(SignedJWT jwt, JWK key) throws Refused {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw new Refused("the issuer's key with the token's kid is not a signing key");
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            throw new Refused("the issuer's key with the token's kid is for " + key.getAlgorithm() + ", not " + alg);
        }
        String unfit = keyProblem(key);
        if (unfit != null) {
            throw new Refused("the issuer's key with the token's kid is not accepted: " + unfit);
        }
        JWSVerifier cached = verifiers.get(new VerifierKey(key, alg));
        try {
            if (cached != null) {
                return jwt.verify(cached);
            }
        } catch (JOSEException e) {
            return false;
        }
        PublicKey publicKey;
        try {
            if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
                publicKey = rsa.toRSAPublicKey();
            } else if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
                Curve expected = Curve.forJWSAlgorithm(alg).iterator().next();
                if (!expected.equals(ec.getCurve())) {
                    throw new Refused(alg + " needs a key on curve " + expected);
                }
                publicKey = ec.toECPublicKey();
            } else {
                throw new Refused("the token's algorithm " + alg + " does not fit the issuer's key type "
                        + key.getKeyType());
            }
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), publicKey);
            if (JWSAlgorithm.Family.EC.contains(alg)) {
                // The JDK 17 provider's P-384 check was half the service's CPU per request; Bouncy Castle's curve
                // arithmetic is about five times faster (docs/benchmarks.md). Nimbus's own format checks still run.
                verifier.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
            }
            if (verifiers.size() >= MAX_CACHED_VERIFIERS) {
                verifiers.clear();
            }
            verifiers.put(new VerifierKey(key, alg), verifier);
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    /** @return the JCA provider name of an EC verifier made so far ("default" for the JDK's), or null */
    String ecProvider() {
        return verifiers.entrySet().stream().filter(e -> JWSAlgorithm.Family.EC.contains(e.getKey().alg()))
                .map(e -> e.getValue().getJCAContext().getProvider()).findFirst()
                .map(p -> p == null ? "default" : p.getName()).orElse(null);
    }

    /** @return why a key cannot be used for any accepted algorithm, or null when it can */
    static String keyProblem(JWK k) {
        if (k instanceof RSAKey rsa) {
            return rsa.size() < MIN_RSA_BITS ? "RSA key " + k.getKeyID() + " has " + rsa.size() + " bits; at least "
                    + MIN_RSA_BITS + " are required" : null;
        }
        if (k instanceof ECKey ec) {
            return Curve.P_256.equals(ec.getCurve()) || Curve.P_384.equals(ec.getCurve())
                    || Curve.P_521.equals(ec.getCurve()) ? null
                    : "EC key " + k.getKeyID() + " is on curve " + ec.getCurve()
                    + "; P-256, P-384 and P-521 are accepted";
        }
        return "key " + k.getKeyID() + " has type " + k.getKeyType()
                + "; RSA and EC keys are accepted (symmetric keys never)";
    }

    /**
     * Where one issuer's public keys come from: a fixed JWK Set (a file), a JWK Set URL, and the URLs its tokens may
     * name in {@code jku}. URL sources are nimbus {@link JWKSource}s built by {@link com.nimbusds.jose.jwk.source
     * .JWKSourceBuilder}: cached, re-read at once (within the rate limit) when a token names a {@code kid} the cached
     * set lacks, so a key the EHR adds is accepted without a restart. Downloads go through {@link HttpGetter}
     * (timeouts, size limit, no redirects). Thread-safe.
     */
    public static final class IssuerKeys {
        private final JWKSource<SecurityContext> configured;
        private final URI jwksUrl;
        private final Set<URI> allowedJku;
        private final java.util.function.Function<URI, JWKSource<SecurityContext>> remote;
        private final Map<URI, JWKSource<SecurityContext>> byJku = new java.util.concurrent.ConcurrentHashMap<>();

        private IssuerKeys(JWKSource<SecurityContext> configured, URI jwksUrl, Set<URI> allowedJku,
                           java.util.function.Function<URI, JWKSource<SecurityContext>> remote) {
            this.configured = configured;
            this.jwksUrl = jwksUrl;
            this.allowedJku = allowedJku;
            this.remote = remote;
        }

        /**
         * @param fileKeys  the issuer's fixed public keys, or {@code null}
         * @param jwksUrl   the issuer's JWK Set URL, or {@code null}
         * @param jku       the URLs its tokens may name in {@code jku}
         * @param sources   makes the cached source of one URL (see {@link RemoteKeys}); may be {@code null} when
         *                  there is neither a URL nor a {@code jku}
         * @return the key sources; a {@code jwksUrl} takes precedence over the file for tokens without {@code jku}
         */
        public static IssuerKeys of(JWKSet fileKeys, URI jwksUrl, List<URI> jku, RemoteKeys sources) {
            Set<URI> allowed = new HashSet<>(jku);
            if (jwksUrl != null) {
                allowed.add(jwksUrl);
            }
            JWKSource<SecurityContext> configured = jwksUrl != null ? sources.source(jwksUrl)
                    : fileKeys == null ? null : new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(fileKeys);
            return new IssuerKeys(configured, jwksUrl, Set.copyOf(allowed),
                    sources == null ? null : sources::source);
        }

        /** @return the key with this kid, from the source the token's {@code jku} (or its absence) selects */
        JWK find(URI jku, String kid) throws Refused {
            JWKSource<SecurityContext> source;
            if (jku == null) {
                source = configured;
                if (source == null) {
                    throw new Refused("the token names no jku and its issuer has no configured JWK Set");
                }
            } else if (!allowedJku.contains(jku)) {
                throw new Refused("the token's jku is not an allowed JWK Set URL of its issuer");
            } else {
                source = jku.equals(jwksUrl) ? configured : byJku.computeIfAbsent(jku, remote);
            }
            List<JWK> found;
            try {
                found = source.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
            } catch (KeySourceException e) {
                throw new Refused("the issuer's JWK Set cannot be read now", true);
            }
            if (found.isEmpty()) {
                throw new Refused("the issuer has no key with the token's kid");
            }
            return found.get(0).toPublicJWK();
        }
    }

    /** Makes the cached, rate-limited key source of one JWK Set URL. */
    @FunctionalInterface
    public interface RemoteKeys {
        /** @return the source of the JWK Set at this URL */
        JWKSource<SecurityContext> source(URI url);
    }
}
