package org.twitchtriage.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.twitchtriage.validation.Violation;

/**
 * Binds a parsed JSON tree onto transfer records, field by field, and keeps going after a problem so that one pass
 * reports every unknown field, wrong type and unknown code. A value that cannot be bound becomes {@code null} and is
 * recorded as a {@link Violation} at its path ({@code patient.ageYears}, {@code twitches[0].symptoms[1]}).
 *
 * <p>Jackson's own data binding stops at the first problem, which is why the binding is done here on the tree.
 * Supported target types: records, {@code List<T>}, {@link String}, {@link Integer}, {@link Boolean},
 * {@link BigDecimal} and enums (matched ignoring case). Values are strict: a number in quotes is not a number.
 *
 * <p>Messages repeat text from the input only where it is a code or a field name the user typed, shortened; free text
 * is never repeated, and neither is anything containing the text given as hidden (the patient's reference). One
 * instance per document; not thread-safe.
 */
final class TreeBinder {
    /** Path used for the document as a whole. */
    static final String ROOT = "request";

    private static final int MAX_ECHO = 40;

    private final List<Violation> violations = new ArrayList<>();
    private final String hidden;

    /** @param hidden text never to repeat in a message (the patient's reference), or {@code null} */
    TreeBinder(String hidden) {
        this.hidden = hidden == null || hidden.isBlank() ? null : hidden;
    }

    /**
     * @param node the JSON value, or {@code null} when absent
     * @param type the record to bind to
     * @param path the path of {@code node}; empty for the document root
     * @return the bound record, or {@code null} when the value is absent, JSON {@code null} or not an object
     */
    <T extends Record> T bind(JsonNode node, Class<T> type, String path) {
        return type.cast(bindValue(node, type, path));
    }

    /** @return every problem found so far, in the order found */
    List<Violation> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** @return true when a problem was already recorded at this exact path */
    boolean reported(String path) {
        return violations.stream().anyMatch(v -> v.field().equals(path));
    }

    /** Records a problem found while mapping the bound records further. */
    void report(String path, String message) {
        violations.add(new Violation(path.isEmpty() ? ROOT : path, message));
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String element(String path, int index) {
        return (path.isEmpty() ? ROOT : path) + "[" + index + "]";
    }

    private Object bindValue(JsonNode node, Type type, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return bindList(node, p.getActualTypeArguments()[0], path);
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("unsupported transfer type " + type);
        }
        if (c == String.class) {
            return node.isTextual() ? node.textValue() : wrongType(path, "text (a JSON string)", node);
        }
        if (c == Boolean.class) {
            return node.isBoolean() ? node.booleanValue() : wrongType(path, "true or false", node);
        }
        if (c == Integer.class) {
            return bindInteger(node, path);
        }
        if (c == BigDecimal.class) {
            return node.isNumber() ? node.decimalValue() : wrongType(path, "a number", node);
        }
        if (c.isEnum()) {
            return bindEnum(node, c, path);
        }
        if (c.isRecord()) {
            return bindRecord(node, c, path);
        }
        throw new IllegalArgumentException("unsupported transfer type " + type);
    }

    private Object bindInteger(JsonNode node, String path) {
        if (!node.isNumber()) {
            return wrongType(path, "a whole number", node);
        }
        BigDecimal value = node.decimalValue();
        if (value.stripTrailingZeros().scale() > 0) {
            report(path, "must be a whole number, was a decimal number");
            return null;
        }
        try {
            return value.intValueExact();
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
        String text = node.textValue();
        for (Object c : constants) {
            if (((Enum<?>) c).name().equalsIgnoreCase(text)) {
                return c;
            }
        }
        report(path, "unknown value '" + echo(text) + "'; allowed: " + allowed);
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
        List<String> known = Arrays.stream(components).map(RecordComponent::getName).toList();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                report(child(path, echo(name)), "unknown field; expected one of: " + String.join(", ", known));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            types[i] = rc.getType();
            args[i] = bindValue(node.get(rc.getName()), rc.getGenericType(), child(path, rc.getName()));
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot create transfer record " + type.getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("transfer record " + type.getName() + " rejected its values",
                    e.getCause());
        }
    }

    private Object wrongType(String path, String expected, JsonNode actual) {
        report(path, "must be " + expected + ", was " + describe(actual));
        return null;
    }

    /** Names the JSON type of a value without repeating the value itself. */
    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A short, printable copy of a user-typed code or name for a message, unless it contains the hidden text. */
    String echo(String text) {
        if (hidden != null && text.contains(hidden)) {
            return "(not shown: contains the patient's reference)";
        }
        return printable(text);
    }

    /** A short, printable copy of a user-typed text. */
    static String printable(String text) {
        String printable = text.codePoints()
                .map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= MAX_ECHO ? printable : printable.substring(0, MAX_ECHO) + "...";
    }
}
