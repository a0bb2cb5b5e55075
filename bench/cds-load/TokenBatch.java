import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Signs COUNT fresh tokens for the CDS Hooks load scenario, one per line: each names the service as its audience,
 * has its own jti (the service accepts a token once) and is valid for five minutes, exactly like the demo EHR's
 * tokens (org.twitchtriage.cdshooks.demo.DemoToken), but with the key parsed once, so that signing does not limit the
 * load, and on every core. Run as a single source file with the service jar on the class path:
 * {@code java -cp twitch-triage-cds.jar TokenBatch.java DEMO-DIR AUDIENCE COUNT OUT}.
 */
public final class TokenBatch {
    private TokenBatch() {
    }

    /** @param args demo folder (with ehr-private-jwk.json), audience URL, count, output file */
    public static void main(String[] args) throws Exception {
        ECKey key = ECKey.parse(Files.readString(Path.of(args[0], "ehr-private-jwk.json"), StandardCharsets.UTF_8));
        String audience = args[1];
        int count = Integer.parseInt(args[2]);
        ECDSASigner signer = new ECDSASigner(key);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build();
        Instant now = Instant.now();
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        List<Future<List<String>>> parts = new ArrayList<>();
        for (int c = 0; c < cores; c++) {
            int share = count / cores + (c < count % cores ? 1 : 0);
            parts.add(pool.submit(() -> {
                List<String> tokens = new ArrayList<>(share);
                for (int i = 0; i < share; i++) {
                    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://ehr.demo.invalid")
                            .audience(audience).issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                            .build();
                    SignedJWT jwt = new SignedJWT(header, claims);
                    jwt.sign(signer);
                    tokens.add(jwt.serialize());
                }
                return tokens;
            }));
        }
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.US_ASCII)) {
            for (Future<List<String>> part : parts) {
                for (String token : part.get()) {
                    out.write(token);
                    out.newLine();
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
