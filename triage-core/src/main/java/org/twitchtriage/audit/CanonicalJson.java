package org.twitchtriage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The one JSON form used for hashing: object keys sorted, no insignificant white space, numbers exactly as given
 * (decimals kept as {@link java.math.BigDecimal}). Two JSON texts with the same content have the same canonical form.
 * "Exactly as given" includes trailing zeros: {@code 0.70} stays {@code 0.70} and hashes differently from {@code 0.7},
 * so that a stored lab value replays digit for digit. A tree to be hashed must therefore be parsed with decimals kept
 * exact; one read by a default {@code ObjectMapper} has already turned them into doubles. Thread-safe.
 */
public final class CanonicalJson {
    /** A mapper that keeps decimals exact, shared by the audit classes. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CanonicalJson() {
    }

    /** @return the canonical text of a JSON tree */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** @return the lower-case hex SHA-256 of the canonical text of a JSON tree */
    public static String sha256(JsonNode node) {
        return sha256(write(node));
    }

    /** @return the lower-case hex SHA-256 of a text's UTF-8 bytes */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = MAPPER.getNodeFactory().objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            for (String n : names) {
                out.set(n, sorted(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.getNodeFactory().arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
