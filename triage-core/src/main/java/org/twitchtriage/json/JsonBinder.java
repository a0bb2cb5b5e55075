package org.twitchtriage.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.twitchtriage.validation.Limits;
import org.twitchtriage.validation.SafeText;
import org.twitchtriage.validation.Violation;

/**
 * The project's strict JSON binder: binds a parsed JSON tree onto records, field by field, and keeps going after a
 * problem, so that one pass reports every unknown field, wrong type, unknown code and missing value as a
 * {@link Violation} at its path ({@code patient.ageYears}, {@code twitches[0].symptoms[1]}). A value that cannot be
 * bound becomes {@code null}. Case files, scenario files, the CDS Hooks service configuration and CDS Hooks feedback
 * are all read through it; each format is a set of records.
 *
 * <p>A record describes one JSON object: its component names are the field names, unless a component carries
 * {@link JsonProperty @JsonProperty("name")}; {@code @JsonProperty(required = true)} makes a field required (absent
 * or {@code null} is reported as missing). Unknown fields are problems unless the record carries
 * {@link JsonIgnoreProperties @JsonIgnoreProperties(ignoreUnknown = true)} (formats that others extend). Component
 * types: records, {@code List<T>}, {@link String}, {@link Boolean}, {@link Integer}, {@link Long},
 * {@link BigDecimal}, enums (codes, matched ignoring case), {@link JsonNode} (taken as it is) and, written as text,
 * {@link URI}, {@link Path}, {@link ZoneId} and {@link Instant} (with its offset from UTC). Types are strict:
 * a number in quotes is text, {@code 31.0} is a whole number but {@code 31.5} is not. Lists must not hold
 * {@code null}. The same records give the JSON Schema of a format ({@link JsonSchemaWriter}) and are written back as
 * JSON by {@link StrictJson#write(Record)}.
 *
 * <p>Messages never repeat a value from the input: they name the field, what is wrong and what is allowed. The only
 * input text they carry is a field name the user typed, shortened and made printable, and not even that when it
 * contains the text given to {@link #hide(String)}. One instance per document; not thread-safe.
 */
public final class JsonBinder {
    private static final int MAX_ECHO = 40;

    /** Values written as JSON text and parsed further; each with what a message says it must be. */
    static final Map<Class<?>, TextValue> TEXT_VALUES = Map.of(
            URI.class, new TextValue("a URL", URI::new),
            Path.class, new TextValue("a file path", Path::of),
            ZoneId.class, new TextValue("a time zone id such as Europe/Berlin or UTC", ZoneId::of),
            Instant.class, new TextValue("a date and time with its offset from UTC, such as 2026-01-01T09:00:00Z",
                    t -> OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()));

    /** How to parse one kind of text value. */
    record TextValue(String expected, Parser parse) {
        /** Parses a text; any exception means the text is not such a value. */
        interface Parser {
            Object parse(String text) throws Exception;
        }
    }

    private final String root;
    private final List<Violation> violations = new ArrayList<>();
    private String hidden;

    /** @param root the name of the document as a whole in messages, e.g. {@code request} or {@code scenario} */
    public JsonBinder(String root) {
        this.root = root;
    }

    /** Never repeats this text, even in a field name (the patient's reference); blank or {@code null}: nothing. */
    public void hide(String text) {
        this.hidden = text == null || text.isBlank() ? null : text;
    }

    /**
     * Binds the document as a whole.
     *
     * @param node the parsed document, or {@code null} when it was empty
     * @param type the record it must be
     * @return the bound record, or {@code null} when the document is empty, {@code null} or not an object
     */
    public <T extends Record> T bind(JsonNode node, Class<T> type) {
        if (node == null || node.isMissingNode()) {
            report("", "the file is empty; expected a JSON object with the fields " + String.join(", ",
                    fieldNames(type)));
            return null;
        }
        if (node.isNull()) {
            report("", "must be a JSON object, was null");
            return null;
        }
        return bind(node, type, "");
    }

    /**
     * Binds one value below the document.
     *
     * @param node the value, or {@code null} when absent
     * @param type the record to bind to
     * @param path the path of {@code node}; empty for the document
     * @return the bound record, or {@code null} when the value is absent, JSON {@code null} or not an object
     */
    public <T extends Record> T bind(JsonNode node, Class<T> type, String path) {
        return type.cast(bindValue(node, type, path));
    }

    /** @return every problem found so far, in the order found */
    public List<Violation> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** @return true when nothing was reported */
    public boolean isClean() {
        return violations.isEmpty();
    }

    /** @return true when a problem was already recorded at this exact path */
    public boolean reported(String path) {
        return violations.stream().anyMatch(v -> v.field().equals(path.isEmpty() ? root : path));
    }

    /** Records a problem found while checking the bound records further. */
    public void report(String path, String message) {
        violations.add(new Violation(path.isEmpty() ? root : path, message));
    }

    /** @return the path of a field: {@code patient} and {@code ageYears} give {@code patient.ageYears} */
    public static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** @return the path of a list entry: {@code twitches} and 0 give {@code twitches[0]} */
    public String element(String path, int index) {
        return (path.isEmpty() ? root : path) + "[" + index + "]";
    }

    /** @return the JSON field names of a record, in order */
    public static List<String> fieldNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(JsonBinder::fieldName).toList();
    }

    /** @return the JSON field name of a record component */
    static String fieldName(RecordComponent c) {
        JsonProperty p = annotation(c, JsonProperty.class);
        return p == null || p.value().isEmpty() ? c.getName() : p.value();
    }

    /** @return whether a record component is a required field */
    static boolean required(RecordComponent c) {
        JsonProperty p = annotation(c, JsonProperty.class);
        return p != null && p.required();
    }

    /** Jackson's annotations do not target record components; Java hands them on to the accessor. */
    static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent c, Class<A> type) {
        A on = c.getAnnotation(type);
        return on != null ? on : c.getAccessor().getAnnotation(type);
    }

    private Object bindValue(JsonNode node, Type type, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return bindList(node, p.getActualTypeArguments()[0], path);
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("unsupported type " + type);
        }
        if (c == JsonNode.class) {
            return node;
        }
        if (c == String.class) {
            return node.isTextual() ? node.textValue() : wrongType(path, "text (a JSON string)", node);
        }
        if (TEXT_VALUES.containsKey(c)) {
            return bindText(node, TEXT_VALUES.get(c), path);
        }
        if (c == Boolean.class) {
            return node.isBoolean() ? node.booleanValue() : wrongType(path, "true or false", node);
        }
        if (c == Integer.class || c == Long.class) {
            return bindWholeNumber(node, c == Integer.class, path);
        }
        if (c == BigDecimal.class) {
            return node.isNumber() ? bindDecimal(node, path) : wrongType(path, "a number", node);
        }
        if (c.isEnum()) {
            return bindEnum(node, c, path);
        }
        if (c.isRecord()) {
            return bindRecord(node, c, path);
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    private Object bindText(JsonNode node, TextValue kind, String path) {
        if (!node.isTextual()) {
            return wrongType(path, kind.expected() + " (a JSON string)", node);
        }
        try {
            if (!node.textValue().isBlank()) {
                return kind.parse().parse(node.textValue());
            }
        } catch (Exception e) {
            // reported below, without the text: it may be anything
        }
        report(path, "must be " + kind.expected());
        return null;
    }

    private Object bindDecimal(JsonNode node, String path) {
        BigDecimal value = node.decimalValue();
        return outOfBounds(value, path) ? null : value;
    }

    /** Reports a decimal outside the shared bounds; checked before any arithmetic on it. */
    private boolean outOfBounds(BigDecimal value, String path) {
        Optional<String> unbounded = Limits.decimalProblem(value);
        unbounded.ifPresent(problem -> report(path, problem));
        return unbounded.isPresent();
    }

    private Object bindWholeNumber(JsonNode node, boolean asInt, String path) {
        if (!node.isNumber()) {
            return wrongType(path, "a whole number", node);
        }
        BigDecimal value = node.decimalValue();
        if (outOfBounds(value, path)) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0) {
            report(path, "must be a whole number, was a decimal number");
            return null;
        }
        try {
            return asInt ? (Object) value.intValueExact() : (Object) value.longValueExact();
        } catch (ArithmeticException e) {
            report(path, "is far too large");
            return null;
        }
    }

    private Object bindEnum(JsonNode node, Class<?> type, String path) {
        Object[] constants = type.getEnumConstants();
        String allowed = Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
        if (!node.isTextual()) {
            report(path, "must be one of " + allowed + ", was " + describe(node));
            return null;
        }
        for (Object c : constants) {
            if (((Enum<?>) c).name().equalsIgnoreCase(node.textValue())) {
                return c;
            }
        }
        report(path, "unknown value (not repeated here); allowed: " + allowed);
        return null;
    }

    private List<Object> bindList(JsonNode node, Type elementType, String path) {
        if (!node.isArray()) {
            wrongType(path, "a list (JSON array)", node);
            return null;
        }
        List<Object> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = element(path, i);
            if (item.isNull()) {
                report(itemPath, "must not be null");
                out.add(null);
            } else {
                out.add(bindValue(item, elementType, itemPath));
            }
        }
        return out;
    }

    private Object bindRecord(JsonNode node, Class<?> type, String path) {
        if (!node.isObject()) {
            return wrongType(path, "an object", node);
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> known = fieldNames(type);
        JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
        if (ignore == null || !ignore.ignoreUnknown()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    report(child(path, echo(name)), "unknown field; expected one of: " + String.join(", ", known));
                }
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            String at = child(path, known.get(i));
            types[i] = rc.getType();
            args[i] = bindValue(node.get(known.get(i)), rc.getGenericType(), at);
            if (args[i] == null && required(rc) && !reported(at)) {
                report(at, "is missing");
            }
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot create record " + type.getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("record " + type.getName() + " rejected its values", e.getCause());
        }
    }

    private Object wrongType(String path, String expected, JsonNode actual) {
        report(path, "must be " + expected + ", was " + describe(actual));
        return null;
    }

    /** Names the JSON type of a value without repeating the value itself. */
    public static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** A short, printable copy of a field name the user typed, unless it contains the hidden text. */
    private String echo(String text) {
        if (hidden != null && text.contains(hidden)) {
            return "(not shown: contains the patient's reference)";
        }
        return printable(text);
    }

    /** @return a short, printable copy of a user-typed name */
    static String printable(String text) {
        return printable(text, MAX_ECHO);
    }

    /**
     * For the few messages that name an identifier the user wrote (a guideline passage, a twitch id), never a value
     * that could be personal data.
     *
     * @return a printable copy of {@code text}, control and bidirectional characters replaced, cut after
     *         {@code max} characters
     */
    public static String printable(String text, int max) {
        String printable = SafeText.line(text);
        return printable.length() <= max ? printable : printable.substring(0, max) + "...";
    }
}
