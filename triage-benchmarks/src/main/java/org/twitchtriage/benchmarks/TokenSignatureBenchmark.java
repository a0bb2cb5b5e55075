package org.twitchtriage.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one check the CDS Hooks service cannot skip or cache: the ES384 signature of a fresh token (every call brings
 * a new one). Verifies one P-384 ECDSA signature over a token-sized message with the JDK's own provider and with
 * Bouncy Castle's, which the service's {@code TokenVerifier} uses since this was measured (docs/benchmarks.md).
 * A new {@link Signature} per call, as nimbus makes one per verification.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class TokenSignatureBenchmark {
    /** {@code jdk}: the JDK's SunEC provider; {@code bc}: Bouncy Castle. */
    @Param({"jdk", "bc"})
    public String provider;

    private Provider jca;
    private PublicKey key;
    private final byte[] message = ("eyJraWQiOiJrMSIsInR5cCI6IkpXVCIsImFsZyI6IkVTMzg0In0."
            + "eyJpc3MiOiJodHRwczovL2Voci5kZW1vLmludmFsaWQiLCJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwOTUvY2RzLXNlcnZpY2VzIn0")
            .getBytes(StandardCharsets.US_ASCII);
    private byte[] signature;

    /** Makes a P-384 key pair and signs the message once. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA384withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        signature = signer.sign();
        jca = "bc".equals(provider) ? new BouncyCastleProvider() : null;
        key = jca == null ? pair.getPublic()
                : KeyFactory.getInstance("EC", jca).generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
    }

    /** @return whether the signature verified (always true; JMH consumes it) */
    @Benchmark
    public boolean verifyEs384() throws GeneralSecurityException {
        Signature verifier = jca == null ? Signature.getInstance("SHA384withECDSA")
                : Signature.getInstance("SHA384withECDSA", jca);
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }
}
