package org.twitchtriage.authoring.lint;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the constraints of a DRL pattern on a fact type of the model into the values each field may take
 * ({@link FieldDomain}). Understands what the rule language writes: {@code ==}, {@code !=}, {@code in}, {@code not in}
 * with enum constants, boolean fields, comparisons of whole numbers, joined with {@code &&}, {@code ||} and
 * parentheses; anything else narrows nothing. Stateless.
 */
final class ConstraintReader {
    private static final Pattern ENUM = Pattern.compile("^(\\w+)\\s*(==|!=)\\s*(\\w+)\\.(\\w+)$");
    private static final Pattern IN = Pattern.compile("^(\\w+)\\s+(not\\s+)?in\\s*\\((.*)\\)$", Pattern.DOTALL);
    private static final Pattern CONSTANT = Pattern.compile("^\\s*(\\w+)\\.(\\w+)\\s*$");
    private static final Pattern BOOLEAN = Pattern.compile("^(\\w+)\\s*(==|!=)\\s*(true|false)$");
    private static final Pattern FLAG = Pattern.compile("^(!\\s*)?(\\w+)$");
    private static final Pattern NUMBER = Pattern.compile("^(\\w+)\\s*(==|>=|<=|>|<)\\s*(-?\\d+)$");

    private ConstraintReader() {
    }

    /**
     * @param type       the fact type
     * @param expression one constraint of a pattern
     * @return the fields it narrows
     */
    static Map<String, FieldDomain> read(Class<?> type, String expression) {
        List<String> alternatives = split(expression, "||");
        if (alternatives.size() > 1) {
            List<Map<String, FieldDomain>> read = alternatives.stream().map(a -> read(type, a)).toList();
            Map<String, FieldDomain> out = new LinkedHashMap<>();
            for (String field : read.get(0).keySet()) {
                FieldDomain union = read.get(0).get(field);
                for (Map<String, FieldDomain> alternative : read.subList(1, read.size())) {
                    FieldDomain other = alternative.get(field);
                    union = union == null || other == null ? null : union.or(other, expression.strip());
                }
                if (union != null) {
                    out.put(field, union);
                }
            }
            return out;
        }
        List<String> conjuncts = split(expression, "&&");
        if (conjuncts.size() > 1) {
            Map<String, FieldDomain> out = new LinkedHashMap<>();
            conjuncts.forEach(c -> read(type, c).forEach((field, d) -> out.merge(field, d, FieldDomain::and)));
            return out;
        }
        String atom = expression.strip();
        String inner = unwrap(atom);
        if (!inner.equals(atom)) {
            return read(type, inner);
        }
        return atom(type, atom);
    }

    private static Map<String, FieldDomain> atom(Class<?> type, String atom) {
        Matcher m = ENUM.matcher(atom);
        if (m.matches()) {
            Class<?> field = fieldType(type, m.group(1));
            if (field != null && field.isEnum() && field.getSimpleName().equals(m.group(3))
                    && constants(field).contains(m.group(4))) {
                Set<String> values = new LinkedHashSet<>();
                if (m.group(2).equals("==")) {
                    values.add(m.group(4));
                } else {
                    values.addAll(constants(field));
                    values.remove(m.group(4));
                }
                return Map.of(m.group(1), FieldDomain.of(values, atom));
            }
        }
        m = IN.matcher(atom);
        if (m.matches()) {
            Class<?> field = fieldType(type, m.group(1));
            Set<String> listed = new LinkedHashSet<>();
            for (String item : m.group(3).split(",")) {
                Matcher c = CONSTANT.matcher(item);
                if (field == null || !field.isEnum() || !c.matches() || !constants(field).contains(c.group(2))) {
                    return Map.of();
                }
                listed.add(c.group(2));
            }
            Set<String> values = new LinkedHashSet<>();
            if (m.group(2) == null) {
                values.addAll(listed);
            } else {
                values.addAll(constants(field));
                values.removeAll(listed);
            }
            return Map.of(m.group(1), FieldDomain.of(values, atom));
        }
        m = BOOLEAN.matcher(atom);
        if (m.matches() && isBoolean(fieldType(type, m.group(1)))) {
            boolean value = Boolean.parseBoolean(m.group(3)) == m.group(2).equals("==");
            return Map.of(m.group(1), FieldDomain.of(Set.of(Boolean.toString(value)), atom));
        }
        m = FLAG.matcher(atom);
        if (m.matches() && isBoolean(fieldType(type, m.group(2)))) {
            return Map.of(m.group(2), FieldDomain.of(Set.of(Boolean.toString(m.group(1) == null)), atom));
        }
        m = NUMBER.matcher(atom);
        if (m.matches() && isWholeNumber(fieldType(type, m.group(1)))) {
            long n = Long.parseLong(m.group(3));
            FieldDomain d = switch (m.group(2)) {
                case "==" -> FieldDomain.range(n, n, atom);
                case ">=" -> FieldDomain.range(n, Long.MAX_VALUE, atom);
                case ">" -> FieldDomain.range(n + 1, Long.MAX_VALUE, atom);
                case "<=" -> FieldDomain.range(Long.MIN_VALUE, n, atom);
                default -> FieldDomain.range(Long.MIN_VALUE, n - 1, atom);
            };
            return Map.of(m.group(1), d);
        }
        return Map.of();
    }

    /** @return the names of an enum's constants, in order */
    static List<String> constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }

    /** @return the type of a fact's property, read through its getter (or field), or {@code null} */
    static Class<?> fieldType(Class<?> type, String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return null;
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String getter : List.of("get" + cap, "is" + cap)) {
            try {
                Method m = type.getMethod(getter);
                return m.getReturnType();
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        try {
            return type.getDeclaredField(name).getType();
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean isBoolean(Class<?> t) {
        return t == boolean.class || t == Boolean.class;
    }

    private static boolean isWholeNumber(Class<?> t) {
        return t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class
                || t == Short.class;
    }

    /** @return the parts of an expression joined at its top level by the operator, or the expression alone */
    static List<String> split(String expression, String operator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '"' && (i == 0 || expression.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && expression.startsWith(operator, i)) {
                parts.add(expression.substring(start, i));
                start = i + operator.length();
                i += operator.length() - 1;
            }
        }
        parts.add(expression.substring(start));
        return parts;
    }

    /** @return the expression without parentheses around all of it */
    private static String unwrap(String expression) {
        if (!expression.startsWith("(") || !expression.endsWith(")")) {
            return expression;
        }
        int depth = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && i < expression.length() - 1) {
                return expression;
            }
        }
        return expression.substring(1, expression.length() - 1).strip();
    }
}
