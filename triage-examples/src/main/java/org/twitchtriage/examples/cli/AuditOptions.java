package org.twitchtriage.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.audit.JsonLinesAuditSink;
import org.twitchtriage.audit.Pseudonymizer;
import org.twitchtriage.audit.Slf4jAuditSink;
import org.twitchtriage.engine.TriageEngine;
import picocli.CommandLine.Option;

/**
 * The audit options of {@code evaluate}: where to append the audit record, the pseudonymization key, whether to keep
 * the input for replay and how durably to write. Mixed into the command; one instance per run.
 */
final class AuditOptions {
    /** Environment variable that may hold the pseudonymization key (at least 32 characters). */
    static final String KEY_VARIABLE = "TWITCH_TRIAGE_AUDIT_KEY";

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append an audit record of this evaluation to FILE (JSON Lines chained with a keyed MAC).")
    Path log;

    @Option(names = "--audit-key-file", paramLabel = "KEYFILE",
            description = "File holding the audit secret (at least 32 bytes): it keys patient pseudonyms and the "
                    + "log's MAC chain. "
                    + "Default: the environment variable " + KEY_VARIABLE + ".")
    Path keyFile;

    @Option(names = "--capture-input",
            description = "Store the input (without the patient reference) in the audit record, so that "
                    + "'audit replay' can re-evaluate it.")
    boolean captureInput;

    @Option(names = "--fsync", description = "Force each audit record to the disk before the decision is printed.")
    boolean fsync;

    boolean enabled() {
        return log != null;
    }

    /**
     * @return an audited engine writing to the configured log and to the audit logger
     * @throws CaseFileException when the key is missing, unreadable or too short
     */
    AuditedTriageEngine open(TriageEngine engine, Map<String, String> environment) {
        byte[] key = key(environment);
        return AuditedTriageEngine.builder(engine)
                .pseudonymKey(key)
                .captureInput(captureInput)
                .sink(new Slf4jAuditSink())
                .sink(JsonLinesAuditSink.open(log, fsync ? JsonLinesAuditSink.Durability.FSYNC
                        : JsonLinesAuditSink.Durability.FLUSH, key))
                .build();
    }

    private byte[] key(Map<String, String> environment) {
        byte[] key = readKey(keyFile, environment);
        if (key == null) {
            throw new CaseFileException("--audit-log needs a pseudonymization key: --audit-key-file KEYFILE or the "
                    + "environment variable " + KEY_VARIABLE, List.of());
        }
        return key;
    }

    /**
     * @param keyFile the key file option, or {@code null} for the environment variable
     * @return the audit secret, or {@code null} when neither a key file nor the variable is given
     * @throws CaseFileException when the key file cannot be read or the key is too short
     */
    static byte[] readKey(Path keyFile, Map<String, String> environment) {
        byte[] key;
        if (keyFile != null) {
            try {
                key = Files.readAllBytes(keyFile);
            } catch (IOException e) {
                throw new CaseFileException("cannot read the audit key file '" + keyFile + "'", List.of());
            }
        } else if (environment.get(KEY_VARIABLE) != null) {
            key = environment.get(KEY_VARIABLE).getBytes(StandardCharsets.UTF_8);
        } else {
            return null;
        }
        if (key.length < Pseudonymizer.MIN_KEY_BYTES) {
            throw new CaseFileException("the audit key must have at least " + Pseudonymizer.MIN_KEY_BYTES
                    + " bytes, it has " + key.length, List.of());
        }
        return key;
    }
}
