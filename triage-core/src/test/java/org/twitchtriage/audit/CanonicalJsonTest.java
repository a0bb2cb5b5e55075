package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.audit.AuditFixtures.audited;
import static org.twitchtriage.audit.AuditFixtures.calfWithLab;
import static org.twitchtriage.audit.AuditFixtures.engineV1;
import static org.twitchtriage.audit.AuditFixtures.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.TriageRequest;

/**
 * The canonical JSON form that hashes are taken over.
 *
 * <p>Decimals are kept exactly as written: {@code 0.70} stays {@code 0.70} and is a different canonical text (and
 * hash) from {@code 0.7}. That is deliberate. The trailing zero states the precision of a measurement; the stored
 * input must replay as the value that was recorded, digit for digit; and the canonical form of a line must be
 * reproducible from the line itself, which any rounding or normalising would put at risk. The only cost is that two
 * inputs which differ only in how a number was written get different input digests, which claims nothing false.
 */
class CanonicalJsonTest {
    /** Parsed as the audit classes parse: decimals exact. */
    private static JsonNode json(String text) {
        try {
            return CanonicalJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("key order and white space do not change the canonical text or its hash")
    void keyOrderAndWhitespace_doNotMatter() {
        JsonNode compact = json("{\"b\":1,\"a\":{\"y\":[1,2],\"x\":\"s\"}}");
        JsonNode spread = json("{\n  \"a\" : { \"x\" : \"s\",\n \"y\" : [ 1 , 2 ] },\n\t\"b\" : 1\n}\n");

        assertThat(CanonicalJson.write(compact)).isEqualTo("{\"a\":{\"x\":\"s\",\"y\":[1,2]},\"b\":1}");
        assertThat(CanonicalJson.write(spread)).isEqualTo(CanonicalJson.write(compact));
        assertThat(CanonicalJson.sha256(spread)).isEqualTo(CanonicalJson.sha256(compact));
    }

    @Test
    @DisplayName("array order is content: a different order is a different canonical text")
    void arrayOrder_matters() {
        assertThat(CanonicalJson.sha256(json("[1,2]"))).isNotEqualTo(CanonicalJson.sha256(json("[2,1]")));
    }

    @Test
    @DisplayName("a changed value changes the hash")
    void changedValue_changesTheHash() {
        assertThat(CanonicalJson.sha256(json("{\"a\":\"x\"}"))).isNotEqualTo(CanonicalJson.sha256(json("{\"a\":\"y\"}")));
    }

    @Test
    @DisplayName("decimals are kept as written: 0.70 stays 0.70, and differs from 0.7")
    void decimals_areKeptExactly() {
        assertThat(CanonicalJson.write(json("{\"value\":0.70}"))).isEqualTo("{\"value\":0.70}");
        assertThat(CanonicalJson.write(json("{\"value\":0.7}"))).isEqualTo("{\"value\":0.7}");
        assertThat(CanonicalJson.sha256(json("{\"value\":0.70}")))
                .isNotEqualTo(CanonicalJson.sha256(json("{\"value\":0.7}")));
    }

    @Test
    @DisplayName("a decimal with more digits than a double holds survives unchanged")
    void longDecimal_isNotRounded() {
        String text = "{\"value\":0.12345678901234567890123}";

        assertThat(CanonicalJson.write(json(text))).isEqualTo(text);
    }

    @Test
    @DisplayName("the hash is plain SHA-256 of the UTF-8 text")
    void sha256_ofKnownTexts() {
        assertThat(CanonicalJson.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(CanonicalJson.sha256(json("{}"))).isEqualTo(CanonicalJson.sha256("{}"));
    }

    @Test
    @DisplayName("a lab value of 0.70 goes into the log as 0.70 and replays as exactly 0.70")
    void labValue_roundTripsThroughTheLog(@TempDir Path dir) {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            audited(engineV1()).sink(sink).captureInput(true).build().evaluate(calfWithLab("0.70"));
        }
        String line = AuditFixtures.lines(log).get(0);
        assertThat(line).contains("\"value\":0.70");
        assertThat(AuditLogVerifier.verify(log).valid()).isTrue();

        ObjectNode input = (ObjectNode) parse(line).get("input").deepCopy();
        ((ObjectNode) input.get("patient")).put("reference", "replay");
        TriageRequest replayed = new RequestReader().read(CanonicalJson.write(input));

        LabResult lab = replayed.getPatient().getLabResults().get(0);
        assertThat(lab.getValue()).isEqualTo(new BigDecimal("0.70")).hasScaleOf(2);
    }

    @Test
    @DisplayName("the input digest tells 0.70 from 0.7 and from 0.71")
    void inputDigest_keepsTheWrittenPrecision() {
        String seventy = CanonicalInput.digest(calfWithLab("0.70"));

        assertThat(CanonicalInput.digest(calfWithLab("0.70"))).isEqualTo(seventy);
        assertThat(CanonicalInput.digest(calfWithLab("0.7"))).isNotEqualTo(seventy);
        assertThat(CanonicalInput.digest(calfWithLab("0.71"))).isNotEqualTo(seventy);
        assertThat(CanonicalJson.write(CanonicalInput.of(calfWithLab("0.70")))).contains("\"value\":0.70");
    }
}
