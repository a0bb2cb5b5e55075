package org.twitchtriage.cdshooks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.twitchtriage.json.StrictJson;

/**
 * The JSON reader and writer of the service, on the project's one reading configuration ({@link StrictJson}):
 * duplicate keys are refused when reading (two readers must never see different values in one document), decimals
 * stay exact, input is bounded, and error bodies have one shape. Thread-safe.
 */
public final class Json {
    /** The shared mapper: the project's one reading configuration, {@link StrictJson#MAPPER}. */
    public static final ObjectMapper MAPPER = StrictJson.MAPPER;

    private Json() {
    }

    /**
     * @param body the bytes of a request body
     * @return the parsed document
     * @throws CdsError 400 when the body is not one well-formed JSON value; the message names line, column and
     *                  field but never repeats the body's text (it may be personal data)
     */
    public static JsonNode parse(byte[] body) {
        JsonNode node;
        try {
            node = StrictJson.parse(body, "body");
        } catch (StrictJson.JsonProblem e) {
            throw CdsError.of(400, "the request body is not valid JSON", List.of(e.problem().toString()));
        }
        if (node == null) {
            throw CdsError.of(400, "the request body is empty", "send a JSON object");
        }
        StrictJson.unboundedNumber(node, "body").ifPresent(v -> {
            throw CdsError.of(400, "the request body holds a number out of bounds", List.of(v.toString()));
        });
        return node;
    }

    /** @return the error body {@code {"error": ..., "details": [...]}} with any extra members */
    public static ObjectNode errorBody(String error, List<String> details, Map<String, JsonNode> extra) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("error", error);
        ArrayNode d = o.putArray("details");
        details.forEach(d::add);
        extra.forEach(o::set);
        return o;
    }

    /** @return the compact JSON text of a node */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
