package org.twitchtriage.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.twitchtriage.validation.Limits;

/**
 * Writes the JSON Schema (draft 2020-12) of a format that {@link JsonBinder} reads, from the same records: each
 * record is an object whose properties are its fields, required as {@code @JsonProperty(required = true)} says, with
 * no other properties unless the record ignores unknown ones; codes list the constants of their enum; optional fields
 * may also be {@code null}, as the binder accepts; {@link SchemaBounds} gives a number's, a list's or a text's limits,
 * and every decimal states the digits {@link Limits} allows. The binder's own leniency is not in the schema: codes are
 * listed in upper case, though the binder matches them ignoring case. Stateless.
 */
public final class JsonSchemaWriter {
    /** The JSON Schema dialect written. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** What every decimal field's description says about its digits, from {@link Limits}. */
    static final String DECIMAL_DIGITS = "At most " + Limits.MAX_DECIMAL_DIGITS + " significant digits, at most "
            + Limits.MAX_DECIMAL_PLACES + " after the decimal point, magnitude below "
            + Limits.DECIMAL_MAGNITUDE_BOUND + ".";

    private static final Map<Class<?>, String> SIMPLE = Map.of(String.class, "string", Boolean.class, "boolean",
            Integer.class, "integer", Long.class, "integer", BigDecimal.class, "number");

    private JsonSchemaWriter() {
    }

    /**
     * @param root        the record of the document as a whole
     * @param id          the schema's {@code $id}
     * @param title       its title
     * @param description what the documents are
     * @return the schema; nested records are in {@code $defs} under their simple names
     */
    public static ObjectNode schemaOf(Class<? extends Record> root, String id, String title, String description) {
        ObjectNode schema = StrictJson.MAPPER.createObjectNode();
        schema.put("$schema", DIALECT).put("$id", id).put("title", title).put("description", description);
        ObjectNode defs = StrictJson.MAPPER.createObjectNode();
        schema.setAll(object(root, defs));
        if (!defs.isEmpty()) {
            schema.set("$defs", defs);
        }
        return schema;
    }

    /** @return the schema as text: indented, one trailing line break, as in {@code docs/} */
    public static String text(JsonNode schema) {
        try {
            return StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static ObjectNode object(Class<?> record, ObjectNode defs) {
        ObjectNode o = StrictJson.MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = o.putObject("properties");
        ArrayNode required = StrictJson.MAPPER.createArrayNode();
        for (RecordComponent c : record.getRecordComponents()) {
            boolean isRequired = JsonBinder.required(c);
            ObjectNode p = value(c.getGenericType(), !isRequired, defs);
            SchemaBounds bounds = c.getAnnotation(SchemaBounds.class);
            if (bounds != null) {
                bound(p, bounds);
            }
            JsonPropertyDescription description = JsonBinder.annotation(c, JsonPropertyDescription.class);
            String text = description == null ? "" : description.value();
            if (c.getType() == BigDecimal.class) {
                text = (text + " " + DECIMAL_DIGITS).strip();
            }
            if (!text.isEmpty()) {
                p = StrictJson.MAPPER.createObjectNode().put("description", text).setAll(p);
            }
            properties.set(JsonBinder.fieldName(c), p);
            if (isRequired) {
                required.add(JsonBinder.fieldName(c));
            }
        }
        if (!required.isEmpty()) {
            o.set("required", required);
        }
        JsonIgnoreProperties ignore = record.getAnnotation(JsonIgnoreProperties.class);
        o.put("additionalProperties", ignore != null && ignore.ignoreUnknown());
        return o;
    }

    private static void bound(ObjectNode p, SchemaBounds bounds) {
        JsonNode type = p.path("type");
        boolean text = type.asText().equals("string") || type.isArray() && type.get(0).asText().equals("string");
        if (p.has("items") || text) {
            String of = text ? "Length" : "Items";
            p.put("min" + of, bounds.min()).put("max" + of, bounds.max());
        } else if (bounds.exclusive()) {
            p.put("exclusiveMinimum", bounds.min()).put("exclusiveMaximum", bounds.max());
        } else {
            p.put("minimum", bounds.min()).put("maximum", bounds.max());
        }
    }

    private static ObjectNode value(Type type, boolean nullable, ObjectNode defs) {
        ObjectNode v = StrictJson.MAPPER.createObjectNode();
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            v.set("type", types("array", nullable));
            v.set("items", value(p.getActualTypeArguments()[0], false, defs));
            return v;
        }
        Class<?> c = (Class<?>) type;
        if (JsonBinder.TEXT_VALUES.containsKey(c)) {
            v.set("type", types("string", nullable));
        } else if (SIMPLE.containsKey(c)) {
            v.set("type", types(SIMPLE.get(c), nullable));
        } else if (c.isEnum()) {
            ArrayNode values = v.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            if (nullable) {
                values.addNull();
            }
        } else if (c.isRecord()) {
            String name = c.getSimpleName();
            if (!defs.has(name)) {
                defs.putObject(name);
                defs.set(name, object(c, defs));
            }
            ObjectNode ref = StrictJson.MAPPER.createObjectNode().put("$ref", "#/$defs/" + name);
            if (!nullable) {
                return ref;
            }
            v.putArray("anyOf").add(ref).addObject().put("type", "null");
        } else if (c != JsonNode.class) {
            throw new IllegalArgumentException("no JSON Schema for " + type);
        }
        return v;
    }

    private static JsonNode types(String type, boolean nullable) {
        return nullable ? StrictJson.MAPPER.createArrayNode().add(type).add("null")
                : StrictJson.MAPPER.getNodeFactory().textNode(type);
    }
}
