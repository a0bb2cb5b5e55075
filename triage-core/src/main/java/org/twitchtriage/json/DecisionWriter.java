package org.twitchtriage.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Objects;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.Finding;
import org.twitchtriage.validation.SafeText;

/**
 * Writes a {@link TriageDecision} as JSON for machines. Fields always come in the same order, so equal decisions give
 * byte-identical text (two-space indentation, {@code \n} line ends, a final newline):
 *
 * <pre>
 * formatVersion, notice, guideline, knowledgeBase {releaseId, kieBase, ruleCount}, highestUrgency,
 * findings [{code, kind, urgency, display, explanation, passages, rules, twitchIds,
 *            reasons [{ruleId, twitchId, urgency, explanation, passages}]}],
 * firedRules [{id, name, passages, matched}]
 * </pre>
 *
 * <p>Passages are IDs in the guideline named by {@code guideline} (cite them as {@code muscle-twitching#CALF-6}).
 * A decision holds no patient data, so nothing personal is written. In text that came from input (a twitch id) or from
 * a user's rules folder, every control and bidirectional control character ({@link SafeText#isUnsafe}) is written as
 * a JSON unicode escape (backslash, {@code u}, four hex digits): the output is safe to print on a terminal and still
 * reads back as the same text. Immutable and thread-safe.
 */
public final class DecisionWriter {
    /** Version of the output format: raised when a field is removed or changes meaning (not when one is added). */
    public static final int FORMAT_VERSION = 1;

    /** The statement every decision carries: what it is, and what it is not. */
    public static final String NOTICE =
            "Decision support only, not a diagnosis: a doctor has to confirm or rule out every finding.";

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final ObjectWriter writer;

    /** Creates a writer with the fixed layout described above. */
    public DecisionWriter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        this.writer = mapper.writer(printer).with(new UnsafeCharacterEscapes());
    }

    /**
     * @param decision the decision
     * @return the decision as a JSON tree, fields in the documented order
     */
    public ObjectNode toTree(TriageDecision decision) {
        Objects.requireNonNull(decision, "decision");
        ObjectNode root = mapper.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("notice", NOTICE);
        root.put("guideline", Guideline.MUSCLE_TWITCHING);
        KnowledgeBaseInfo kb = decision.knowledgeBase();
        ObjectNode knowledgeBase = root.putObject("knowledgeBase");
        knowledgeBase.put("releaseId", kb == null ? null : kb.releaseId());
        knowledgeBase.put("kieBase", kb == null ? null : kb.kieBase());
        if (kb == null) {
            knowledgeBase.putNull("ruleCount");
        } else {
            knowledgeBase.put("ruleCount", kb.ruleCount());
        }
        knowledgeBase.put("rulesSha256", kb == null ? null : kb.rulesSha256());
        root.put("highestUrgency", decision.highestUrgency() == null ? null : decision.highestUrgency().name());
        ArrayNode findings = root.putArray("findings");
        decision.findings().forEach(f -> writeFinding(f, findings.addObject()));
        ArrayNode fired = root.putArray("firedRules");
        decision.firedRules().forEach(r -> writeFiredRule(r, fired.addObject()));
        return root;
    }

    /**
     * @param decision the decision
     * @return the decision as indented JSON text ending in a newline
     */
    public String write(TriageDecision decision) {
        try {
            return writer.writeValueAsString(toTree(decision)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a decision as JSON", e);
        }
    }

    /**
     * Writes the decision as indented JSON text ending in a newline. The writer is flushed, not closed.
     *
     * @param decision the decision
     * @param out      where to write
     * @throws IOException when writing fails
     */
    public void write(TriageDecision decision, Writer out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(write(decision));
        out.flush();
    }

    private static void writeFinding(Finding f, ObjectNode node) {
        node.put("code", f.getCode().name());
        node.put("kind", f.getKind().name());
        node.put("urgency", f.getUrgency().name());
        node.put("display", f.getCode().display());
        node.put("explanation", f.getExplanation());
        strings(node.putArray("passages"), f.getPassages());
        strings(node.putArray("rules"), f.getRules());
        strings(node.putArray("twitchIds"), f.getTwitchIds());
        ArrayNode reasons = node.putArray("reasons");
        for (Finding.Reason r : f.getReasons()) {
            ObjectNode reason = reasons.addObject();
            reason.put("ruleId", r.getRuleId());
            reason.put("firing", r.getFiring());
            reason.put("twitchId", r.getTwitchId());
            reason.put("urgency", r.getUrgency().name());
            reason.put("explanation", r.getExplanation());
            strings(reason.putArray("passages"), r.getPassages());
        }
    }

    private static void writeFiredRule(FiredRule r, ObjectNode node) {
        node.put("id", r.id());
        node.put("name", r.name());
        strings(node.putArray("passages"), r.passages());
        strings(node.putArray("matched"), r.matched());
        node.put("withdrawn", r.withdrawn());
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    /**
     * JSON's own escapes, and unicode escapes for the characters that {@link SafeText} neutralises in text output: DEL,
     * the C1 controls and the bidirectional controls, which JSON would otherwise write as they are.
     */
    private static final class UnsafeCharacterEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        UnsafeCharacterEscapes() {
            ascii = standardAsciiEscapesForJSON();
            for (int c = 0; c < ascii.length; c++) {
                if (SafeText.isUnsafe(c) && ascii[c] == 0) {
                    ascii[c] = ESCAPE_STANDARD;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii.clone();
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return SafeText.isUnsafe(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
