package org.twitchtriage.cdshooks.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON reader and writer of the service: duplicate keys are refused when reading (two readers must never see
 * different values in one document), decimals stay exact, and error bodies have one shape. Thread-safe.
 */
public final class Json {
    /** The shared mapper. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {
    }

    /**
     * @param body the bytes of a request body
     * @return the parsed document
     * @throws CdsError 400 when the body is not one well-formed JSON value
     */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw CdsError.of(400, "the request body is empty", "send a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw CdsError.of(400, "the request body is empty", "send a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw CdsError.of(400, "the request body is not valid JSON",
                    List.of("line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                            + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw CdsError.of(400, "the request body could not be read",
                    "the connection ended while the body was read");
        }
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
