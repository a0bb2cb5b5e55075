package org.twitchtriage.authoring.lint;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConnectiveType;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Reads the constraints of a DRL pattern on a fact type of the model into the values each field may take
 * ({@link FieldDomain}), through the expression tree Drools' own constraint parser builds. Understands what the rule
 * language writes: {@code ==}, {@code !=}, {@code in}, {@code not in} (which Drools reads as {@code ==} joined by
 * {@code ||}, and {@code !=} joined by {@code &&}) with enum constants, boolean fields, comparisons of whole numbers,
 * joined with {@code &&}, {@code ||} and parentheses; anything else narrows nothing. Stateless.
 */
final class ConstraintReader {
    private ConstraintReader() {
    }

    /**
     * @param type       the fact type
     * @param expression one constraint of a pattern
     * @return the fields it narrows
     */
    static Map<String, FieldDomain> read(Class<?> type, String expression) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr descr;
        try {
            descr = parser.parse(expression);
        } catch (RuntimeException e) {
            return Map.of();
        }
        return parser.hasErrors() || descr == null ? Map.of() : read(type, descr, expression.strip());
    }

    /** @param text the constraint as written, named as the condition of what it narrows */
    private static Map<String, FieldDomain> read(Class<?> type, BaseDescr descr, String text) {
        if (descr instanceof RelationalExprDescr r) {
            return relation(type, r, text);
        }
        if (descr instanceof AtomicExprDescr a) {
            return flag(type, a.getExpression().strip(), text);
        }
        if (!(descr instanceof ConstraintConnectiveDescr c)) {
            return Map.of();
        }
        List<BaseDescr> parts = c.getDescrs();
        if (parts.size() == 1) {
            return read(type, parts.get(0), text);
        }
        List<Map<String, FieldDomain>> read = parts.stream().map(p -> read(type, p, textOf(p, text))).toList();
        Map<String, FieldDomain> out = new LinkedHashMap<>();
        if (c.getConnective() == ConnectiveType.AND) {
            read.forEach(m -> m.forEach((field, d) -> out.merge(field, d, FieldDomain::and)));
        } else if (c.getConnective() == ConnectiveType.OR) {
            for (String field : read.get(0).keySet()) {
                FieldDomain union = read.get(0).get(field);
                for (Map<String, FieldDomain> alternative : read.subList(1, read.size())) {
                    FieldDomain other = alternative.get(field);
                    union = union == null || other == null ? null : union.or(other, text);
                }
                if (union != null) {
                    out.put(field, union);
                }
            }
        }
        return out;
    }

    /** @return the text of one part of a constraint: a comparison as Drools read it, else the whole constraint */
    private static String textOf(BaseDescr part, String whole) {
        if (part instanceof RelationalExprDescr r && r.getLeft() instanceof AtomicExprDescr left
                && r.getRight() instanceof AtomicExprDescr right) {
            return left.getExpression().strip() + " " + r.getOperator() + " " + right.getExpression().strip();
        }
        return part instanceof AtomicExprDescr a ? a.getExpression().strip() : whole;
    }

    private static Map<String, FieldDomain> relation(Class<?> type, RelationalExprDescr r, String text) {
        if (r.isNegated() || !(r.getLeft() instanceof AtomicExprDescr left)
                || !(r.getRight() instanceof AtomicExprDescr right)) {
            return Map.of();
        }
        String field = left.getExpression().strip();
        String value = right.getExpression().strip();
        String op = r.getOperator();
        Class<?> fieldType = fieldType(type, field);
        if (fieldType == null) {
            return Map.of();
        }
        int dot = value.indexOf('.');
        if (fieldType.isEnum() && (op.equals("==") || op.equals("!=")) && dot > 0
                && value.substring(0, dot).equals(fieldType.getSimpleName())
                && constants(fieldType).contains(value.substring(dot + 1))) {
            Set<String> values = new LinkedHashSet<>();
            if (op.equals("==")) {
                values.add(value.substring(dot + 1));
            } else {
                values.addAll(constants(fieldType));
                values.remove(value.substring(dot + 1));
            }
            return Map.of(field, FieldDomain.of(values, text));
        }
        if (isBoolean(fieldType) && (op.equals("==") || op.equals("!="))
                && (value.equals("true") || value.equals("false"))) {
            boolean holds = Boolean.parseBoolean(value) == op.equals("==");
            return Map.of(field, FieldDomain.of(Set.of(Boolean.toString(holds)), text));
        }
        if (!isWholeNumber(fieldType)) {
            return Map.of();
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Map.of();
        }
        FieldDomain d = switch (op) {
            case "==" -> FieldDomain.range(n, n, text);
            case ">=" -> FieldDomain.range(n, Long.MAX_VALUE, text);
            case ">" -> FieldDomain.range(n + 1, Long.MAX_VALUE, text);
            case "<=" -> FieldDomain.range(Long.MIN_VALUE, n, text);
            case "<" -> FieldDomain.range(Long.MIN_VALUE, n - 1, text);
            default -> null;
        };
        return d == null ? Map.of() : Map.of(field, d);
    }

    /** @return what a boolean field alone ({@code pregnant}) or negated ({@code !pregnant}) narrows */
    private static Map<String, FieldDomain> flag(Class<?> type, String expression, String text) {
        boolean negated = expression.startsWith("!");
        String field = negated ? expression.substring(1).strip() : expression;
        if (!isBoolean(fieldType(type, field))) {
            return Map.of();
        }
        return Map.of(field, FieldDomain.of(Set.of(Boolean.toString(!negated)), text));
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
}
