package org.twitchtriage.cdshooks.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Plays the EHR's part for a local demo: {@code init DIR} creates, once, a demo signing key (EC P-384, ES384) with
 * its public JWK Set and a random audit pseudonym key in {@code DIR}; {@code token DIR AUDIENCE} prints a token signed
 * with that key for one call of the endpoint {@code AUDIENCE} (valid 5 minutes, usable once). The keys are
 * generated on the machine and never committed; they are for local demonstration only.
 */
public final class DemoToken {
    /** The issuer the demo tokens name; the demo configuration trusts it. */
    public static final String ISSUER = "https://ehr.demo.invalid";
    /** The key id of the demo signing key. */
    public static final String KEY_ID = "demo-ehr-es384";
    /** File name of the private key in the demo folder. */
    public static final String PRIVATE_KEY = "ehr-private-jwk.json";
    /** File name of the public JWK Set in the demo folder. */
    public static final String PUBLIC_JWKS = "ehr-jwks.json";
    /** File name of the audit pseudonym key in the demo folder. */
    public static final String AUDIT_KEY = "audit.key";

    private DemoToken() {
    }

    /** @param args {@code init DIR} or {@code token DIR AUDIENCE} */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("init")) {
                init(Path.of(args[1]));
                return 0;
            }
            if (args.length == 3 && args[0].equals("token")) {
                out.println(token(Path.of(args[1]), args[2], Instant.now()));
                return 0;
            }
        } catch (IOException | ParseException | JOSEException e) {
            err.println("demo-token: " + e.getMessage());
            return 1;
        }
        err.println("usage: DemoToken init DIR | DemoToken token DIR AUDIENCE-URL");
        return 2;
    }

    /** Creates the demo keys in {@code dir} unless they exist. */
    public static void init(Path dir) throws IOException, JOSEException {
        Files.createDirectories(dir);
        Path key = dir.resolve(PRIVATE_KEY);
        if (!Files.exists(key)) {
            ECKey ec = new ECKeyGenerator(Curve.P_384).keyID(KEY_ID).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES384).generate();
            writePrivate(key, ec.toJSONString());
            Files.writeString(dir.resolve(PUBLIC_JWKS), new JWKSet(ec.toPublicJWK()).toString(true) + "\n",
                    StandardCharsets.UTF_8);
        }
        Path audit = dir.resolve(AUDIT_KEY);
        if (!Files.exists(audit)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            writePrivate(audit, Base64.getEncoder().encodeToString(secret));
        }
    }

    /** @return a compact JWT for one call of {@code audience}, signed with the demo key in {@code dir} */
    public static String token(Path dir, String audience, Instant now) throws IOException, ParseException,
            JOSEException {
        ECKey key = ECKey.parse(Files.readString(dir.resolve(PRIVATE_KEY), StandardCharsets.UTF_8));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the default permissions of its folder
        }
    }
}
