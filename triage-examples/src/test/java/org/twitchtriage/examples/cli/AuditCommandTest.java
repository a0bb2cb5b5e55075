package org.twitchtriage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.audit.JsonLinesAuditSink;
import org.twitchtriage.engine.TriageEngine;

/**
 * The audit side of the command line: {@code evaluate --audit-log}, {@code audit verify}, {@code audit replay} and
 * {@code explain}, on the bundled cases with the real knowledge base.
 */
class AuditCommandTest {
    private static final TriageEngine ENGINE = TriageEngine.create();
    private static final Path CASES = Path.of(System.getProperty("basedir", ".")).resolve("cases");
    private static final String KEY = "test-key-0123456789-0123456789-0123456789";
    private static final Map<String, String> WITH_KEY = Map.of(AuditOptions.KEY_VARIABLE, KEY);

    @TempDir
    Path dir;

    private static CliRun run(Map<String, String> environment, String... args) {
        return CliRun.of(new TriageCommand(() -> ENGINE).withEnvironment(environment), args);
    }

    private static CliRun run(String... args) {
        return run(WITH_KEY, args);
    }

    private static String bundled(String name) {
        return CASES.resolve(name).toString();
    }

    private static String referenceIn(String caseFile) throws IOException {
        return new ObjectMapper().readTree(Path.of(caseFile).toFile()).get("patient").get("reference").asText();
    }

    private static String hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Path log() {
        return dir.resolve("audit.jsonl");
    }

    /** Evaluates a bundled case into the test log with input capture, and checks that a decision was printed. */
    private void evaluateAudited(String caseName) {
        CliRun r = run("evaluate", "--audit-log", log().toString(), "--capture-input", bundled(caseName));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Highest urgency: ");
    }

    @Test
    @DisplayName("evaluate --audit-log --capture-input: the decision is printed and one verifiable line is written, "
            + "without the patient reference")
    void evaluate_writesOneVerifiableLine() throws Exception {
        String caseFile = bundled("pregnant-calf.json");
        String reference = referenceIn(caseFile);

        CliRun r = run("evaluate", "--audit-log", log().toString(), "--capture-input", caseFile);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Highest urgency: ROUTINE");
        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain(reference);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("outcome").asText()).isEqualTo("DECIDED");
        assertThat(line.get("patientPseudonym").asText())
                .isEqualTo(hmac(KEY.getBytes(StandardCharsets.UTF_8), reference));
        assertThat(line.get("input").get("patient").has("reference")).isFalse();
        assertThat(line.get("input").get("patient").get("labResults").get(0).get("analyte").asText())
                .isEqualTo("MAGNESIUM");
        assertThat(line.get("knowledgeBase").get("ruleCount").asInt()).isEqualTo(ENGINE.knowledgeBase().ruleCount());

        CliRun verify = run("audit", "verify", log().toString());

        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).isEqualTo(log() + ": valid: 1 records, authenticated with the audit key"
                + System.lineSeparator());
        assertThat(verify.err()).isEmpty();
    }

    @Test
    @DisplayName("each evaluation appends to the same chain")
    void evaluate_appendsToTheChain() throws IOException {
        evaluateAudited("pregnant-calf.json");
        evaluateAudited("eyelid-stress.json");
        evaluateAudited("whole-body-increasing-paralysis.json");

        assertThat(Files.readAllLines(log(), StandardCharsets.UTF_8)).hasSize(3);
        CliRun verify = run("audit", "verify", log().toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("valid: 3 records");
    }

    @Test
    @DisplayName("an edited record: audit verify exits 3 and names the line")
    void editedLog_failsVerification() throws IOException {
        evaluateAudited("pregnant-calf.json");
        evaluateAudited("whole-body-increasing-paralysis.json");
        evaluateAudited("eyelid-stress.json");
        List<String> lines = new ArrayList<>(Files.readAllLines(log(), StandardCharsets.UTF_8));
        String downgraded = lines.get(1).replace("\"highestUrgency\":\"URGENT\"", "\"highestUrgency\":\"ROUTINE\"");
        assertThat(downgraded).isNotEqualTo(lines.get(1));
        lines.set(1, downgraded);
        Files.write(log(), lines, StandardCharsets.UTF_8);

        CliRun verify = run("audit", "verify", log().toString());

        assertThat(verify.exitCode()).isEqualTo(TriageCommand.EXIT_CHECK_FAILED);
        assertThat(verify.out()).contains("BROKEN at line 2").contains("does not match its hash");
    }

    @Test
    @DisplayName("audit replay with the same knowledge base: exit 0, no decision would differ")
    void replay_sameKnowledgeBase_noDifferences() {
        evaluateAudited("pregnant-calf.json");
        evaluateAudited("whole-body-increasing-paralysis.json");
        evaluateAudited("eyelid-stress.json");

        CliRun replay = run("audit", "replay", log().toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("Replayed 3 of 3 records with " + ENGINE.knowledgeBase().releaseId())
                .contains("No decision would differ.");
    }

    @Test
    @DisplayName("audit replay of a log written without --capture-input: nothing to replay, said so")
    void replay_withoutStoredInput_countsTheRecords() {
        CliRun evaluate = run("evaluate", "--audit-log", log().toString(), bundled("eyelid-stress.json"));
        assertThat(evaluate.exitCode()).isZero();

        CliRun replay = run("audit", "replay", log().toString());

        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).contains("Replayed 0 of 1 records").contains("1 had no stored input")
                .contains("No decision would differ.");
    }

    @Test
    @DisplayName("explain on the paralysis case: the chain through RF-PARALYSIS, its passages and the input facts, "
            + "never the reference")
    void explain_paralysisCase_showsTheChain() throws IOException {
        String caseFile = bundled("whole-body-increasing-paralysis.json");

        CliRun r = run("explain", caseFile);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("URGENT  RED_FLAG  RED_FLAG_PARALYSIS: Twitching with paralysis or weakness")
                .contains("rule RF-PARALYSIS \"Red flag: twitch with paralysis or weakness\"")
                .contains("cites muscle-twitching#UARM-6 (")
                .contains("cites muscle-twitching#CALF-6 (")
                .containsPattern("matched twitch t1 \\[input: [^\\]]*course INCREASING[^\\]]*symptoms PARALYSIS\\]")
                .doesNotContain(referenceIn(caseFile));
        // the workup rests on a derived referral: the fact is followed, further indented, by the rule that derived it
        List<String> lines = r.out().lines().toList();
        int derived = lines.indexOf("    matched SEE_DOCTOR on twitch t1, derived by:");
        assertThat(derived).as(r.out()).isPositive();
        assertThat(lines.get(derived + 1)).startsWith("      rule REF-PARALYSIS ");
        assertThat(lines.get(derived + 2)).startsWith("        cites ");
    }

    @Test
    @DisplayName("--audit-log without a key: exit 2, a clear message, no decision and no log")
    void missingKey_isInvalidInput() {
        CliRun r = run(Map.of(), "evaluate", "--audit-log", log().toString(), bundled("pregnant-calf.json"));

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--audit-log needs a pseudonymization key")
                .contains("--audit-key-file").contains(AuditOptions.KEY_VARIABLE)
                .doesNotContain("\tat ");
        assertThat(log()).doesNotExist();
    }

    @Test
    @DisplayName("a key shorter than 32 bytes: exit 2, saying how long it must be")
    void shortKey_isInvalidInput() {
        CliRun r = run(Map.of(AuditOptions.KEY_VARIABLE, "too-short"), "evaluate", "--audit-log", log().toString(),
                bundled("pregnant-calf.json"));

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("at least 32 bytes");
    }

    @Test
    @DisplayName("--audit-key-file: the pseudonym is keyed with the file's bytes")
    void keyFile_keysThePseudonym() throws Exception {
        byte[] key = "a-key-kept-in-a-file-0123456789-abcdef".getBytes(StandardCharsets.UTF_8);
        Path keyFile = Files.write(dir.resolve("audit.key"), key);
        String caseFile = bundled("eyelid-stress.json");

        CliRun r = run(Map.of(), "evaluate", "--audit-log", log().toString(), "--audit-key-file", keyFile.toString(),
                caseFile);

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(log(), StandardCharsets.UTF_8).get(0));
        assertThat(line.get("patientPseudonym").asText()).isEqualTo(hmac(key, referenceIn(caseFile)));
        assertThat(line.get("input").isNull()).as("no --capture-input").isTrue();
    }

    @Test
    @DisplayName("a log written under another audit key cannot be appended to: exit 1 and no decision")
    void unusableLog_withholdsTheDecision() throws IOException {
        evaluateAudited("eyelid-stress.json");

        CliRun r = run(Map.of(AuditOptions.KEY_VARIABLE, "another-key-0123456789-0123456789-01234"), "evaluate",
                "--audit-log", log().toString(), bundled("pregnant-calf.json"));

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INTERNAL_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("not written with this audit key")
                .contains("No decision was given, because it could not be audited.");
        assertThat(Files.readAllLines(log(), StandardCharsets.UTF_8)).hasSize(1);
    }

    @Test
    @DisplayName("audit verify without the key checks hashes only and says the log is not authenticated")
    void verifyWithoutKey_saysNotAuthenticated() {
        evaluateAudited("eyelid-stress.json");

        CliRun verify = run(Map.of(), "audit", "verify", log().toString());

        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("valid: 1 records, NOT authenticated");
    }

    @Test
    @DisplayName("a checkpoint exported with audit checkpoint catches truncation back to an older head file")
    void exportedCheckpoint_catchesTruncationWithOlderHead() throws IOException {
        evaluateAudited("eyelid-stress.json");
        Path olderHead = dir.resolve("older.head");
        Files.copy(JsonLinesAuditSink.headOf(log()), olderHead);
        evaluateAudited("pregnant-calf.json");
        CliRun export = run("audit", "checkpoint", log().toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Path checkpoint = dir.resolve("exported.checkpoint");
        Files.writeString(checkpoint, export.out());
        assertThat(run("audit", "verify", "--checkpoint", checkpoint.toString(), log().toString()).exitCode())
                .isZero();

        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        Files.write(log(), lines.subList(0, 1), StandardCharsets.UTF_8);
        Files.copy(olderHead, JsonLinesAuditSink.headOf(log()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(run("audit", "verify", log().toString()).exitCode()).isZero();
        CliRun verify = run("audit", "verify", "--checkpoint", checkpoint.toString(), log().toString());
        assertThat(verify.exitCode()).isEqualTo(TriageCommand.EXIT_CHECK_FAILED);
        assertThat(verify.out()).contains("BROKEN").contains("the exported checkpoint records 2 records");
    }

    @Test
    @DisplayName("audit verify or replay of a log that does not exist: exit 2, naming it")
    void missingLog_isInvalidInput() {
        String missing = dir.resolve("no-such-log.jsonl").toString();

        for (String command : List.of("verify", "replay")) {
            CliRun r = run("audit", command, missing);

            assertThat(r.exitCode()).as(command).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
            assertThat(r.out()).as(command).isEmpty();
            assertThat(r.err()).as(command).contains("no-such-log.jsonl").contains("does not exist");
        }
    }

    @Test
    @DisplayName("audit without verify or replay: exit 2 with the usage")
    void auditWithoutSubcommand_showsUsage() {
        CliRun r = run("audit");

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("missing command").contains("verify").contains("replay");
    }
}
