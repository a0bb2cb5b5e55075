package org.twitchtriage.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayDeque;
import java.util.Deque;
import org.twitchtriage.validation.Limits;
import org.twitchtriage.validation.Violation;

/**
 * The one place where the project configures Jackson for reading JSON documents: case files, scenario files, the CDS
 * Hooks service configuration and request bodies are all parsed by {@link #MAPPER}, and a parse failure becomes a
 * {@link Violation} through {@link #syntaxProblem}. What that guarantees:
 * <ul>
 *   <li>a key given twice in one object is an error, never silently the last value;</li>
 *   <li>decimals stay exact ({@code 0.70} keeps its digits), so that audited input replays digit for digit;</li>
 *   <li>bounded input: at most {@value #MAX_NESTING_DEPTH} levels of nesting, numbers of at most
 *       {@value #MAX_NUMBER_LENGTH} digits, names of at most {@value #MAX_NAME_LENGTH} and texts of at most
 *       {@value #MAX_STRING_LENGTH} characters (Jackson's {@link StreamReadConstraints});</li>
 *   <li>a syntax problem is reported with its path, line and column, and without the offending text: that text may
 *       be personal data.</li>
 * </ul>
 * Thread-safe; stateless.
 */
public final class StrictJson {
    /** Deepest nesting of objects and lists accepted (FHIR resources in a CDS Hooks prefetch need a few dozen). */
    public static final int MAX_NESTING_DEPTH = 100;
    /** Most characters of one number. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Most characters of one field name. */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** Most characters of one text value (16 Mi; a prefetch may hold an attachment). */
    public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

    private static final int MAX_MESSAGE = 200;
    /** Most levels named in a path; deeper paths keep their first and last levels. */
    private static final int MAX_PATH_PARTS = 12;

    /** The shared mapper: strict duplicate detection, exact decimals, bounded input; does not close sources. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private StrictJson() {
    }

    /**
     * Parses exactly one JSON value; content after it is a problem.
     *
     * @param parser a parser made by {@link #MAPPER}; closed when done
     * @param root   the name of the document as a whole in messages ({@code request}, {@code scenario}, ...)
     * @return the value, or {@code null} when there is none (an empty text)
     * @throws JsonProblem when the text is not one well-formed JSON value
     * @throws IOException when reading fails
     */
    public static JsonNode parse(JsonParser parser, String root) throws IOException {
        try (parser) {
            JsonNode node = MAPPER.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                throw new JsonProblem(new Violation(root, "unexpected content" + location(
                        parser.currentTokenLocation()) + " after the end of the JSON value; a file holds one"));
            }
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            throw new JsonProblem(syntaxProblem(e, root));
        }
    }

    /**
     * Parses bytes (UTF-8, -16 or -32, detected).
     *
     * @see #parse(JsonParser, String)
     */
    public static JsonNode parse(byte[] content, String root) {
        try {
            return parse(MAPPER.createParser(content), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse bytes already read", e);
        }
    }

    /**
     * A parse failure as a problem of the field the parser was in, with line and column. Jackson's message is kept
     * but any text it quotes from the input is left out, except a repeated field name.
     *
     * @param e    the failure
     * @param root the name of the document as a whole
     * @return the problem
     */
    public static Violation syntaxProblem(JsonProcessingException e, String root) {
        String path = e.getProcessor() instanceof JsonParser p ? pathOf(p.getParsingContext()) : "";
        String what = e instanceof StreamConstraintsException ? "JSON beyond the accepted size" : "malformed JSON";
        return new Violation(path.isEmpty() ? root : path, what + location(e.getLocation()) + ": "
                + withoutInput(e.getOriginalMessage()));
    }

    /**
     * Writes a record as a JSON object: fields in component order, {@code null} values left out, codes by name,
     * decimals exactly as they are.
     *
     * @param value the record
     * @return the object
     */
    public static ObjectNode write(Record value) {
        return (ObjectNode) writeValue(value);
    }

    private static JsonNode writeValue(Object value) {
        if (value instanceof Record r) {
            ObjectNode o = MAPPER.createObjectNode();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v = componentValue(c, r);
                if (v != null) {
                    o.set(JsonBinder.fieldName(c), writeValue(v));
                }
            }
            return o;
        }
        if (value instanceof List<?> list) {
            ArrayNode a = MAPPER.createArrayNode();
            list.forEach(e -> a.add(writeValue(e)));
            return a;
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof Enum<?> e) {
            return MAPPER.getNodeFactory().textNode(e.name());
        }
        if (JsonBinder.TEXT_VALUES.containsKey(value.getClass()) || value instanceof Path || value instanceof ZoneId) {
            return MAPPER.getNodeFactory().textNode(value.toString());
        }
        if (value instanceof BigDecimal d) {
            return MAPPER.getNodeFactory().numberNode(d);
        }
        return MAPPER.valueToTree(value);
    }

    private static Object componentValue(RecordComponent c, Record r) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    /** The path of the value the parser was in, e.g. {@code twitches[0].site}. */
    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + JsonBinder.printable(c.getCurrentName()));
            }
        }
        if (parts.size() > MAX_PATH_PARTS) {
            // a path as deep as the nesting allows would make the message as long: keep its ends
            int skipped = parts.size() - MAX_PATH_PARTS;
            List<String> kept = new ArrayList<>(parts);
            kept.subList(MAX_PATH_PARTS / 2, MAX_PATH_PARTS / 2 + skipped).clear();
            kept.add(MAX_PATH_PARTS / 2, "...(" + skipped + " levels)...");
            parts = new ArrayDeque<>(kept);
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    static String location(JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * Jackson's message on one line, bounded, without its source description and without the input it quotes: an
     * unrecognised token or a number out of range is the user's text. Field names (a duplicate) and single
     * characters stay, so that the message still says what is wrong.
     */
    private static String withoutInput(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable content";
        }
        String line = message.lines().findFirst().orElse("")
                .replaceAll("\\s*\\(start marker at \\[Source:[^]]*]\\)", "")
                .replaceAll("\\s*at \\[Source:[^]]*]", "")
                .replaceAll("(Unrecognized token|Unexpected character|String value) '[^']*'", "$1 (not shown)")
                .replaceAll("(Numeric value|value) \\([^)]*\\)", "$1 (not shown)")
                .replaceAll("\\(\"[^\"]*\"\\)", "(not shown)")
                .strip();
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }

    /** A document that is not one well-formed JSON value; {@link #problem()} says where and why. */
    public static final class JsonProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Violation problem;

        JsonProblem(Violation problem) {
            super(problem.toString());
            this.problem = problem;
        }

        /** @return the problem, naming its field (or the document) */
        public Violation problem() {
            return problem;
        }
    }

    /**
     * Finds the first number of a document outside {@link Limits#decimalProblem the shared decimal bounds}, for a
     * document that is handed on as a whole (a FHIR resource) before the fields are bound one by one. Looks at the
     * number's digits and exponent only, never computing with it.
     *
     * @param root the document, possibly {@code null}
     * @param name the name of the document as a whole in the violation's field ({@code body}, ...)
     * @return the violation, naming the number's path; empty when every number is within bounds
     */
    public static Optional<Violation> unboundedNumber(JsonNode root, String name) {
        if (root == null) {
            return Optional.empty();
        }
        if (root.isNumber()) {
            return Limits.decimalProblem(root.decimalValue()).map(problem -> new Violation(name, problem));
        }
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<Violation> found = unboundedNumber(e.getValue(), name + "." + JsonBinder.printable(e.getKey()));
            if (found.isPresent()) {
                return found;
            }
        }
        if (root.isArray()) {
            for (JsonNode element : root) {
                Optional<Violation> found = unboundedNumber(element, name + "[" + i++ + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
