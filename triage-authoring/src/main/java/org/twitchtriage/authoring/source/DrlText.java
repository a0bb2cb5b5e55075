package org.twitchtriage.authoring.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * DRL as Drools' parser reads it. The structure comes from the parser the compiler uses (language level DRL6), so
 * that what is read is what is compiled; that parser does not record where an annotation stands, so the lines of the
 * annotations come from Drools' newer ANTLR4 parser (language level DRL10), used only where it reads the same
 * annotation of the same rule. Immutable.
 *
 * @param pkg    the package as parsed, or {@code null} when the text does not parse
 * @param errors the parser's errors, in words; empty when it parsed
 * @param annotationLines {@code rule name + "@" + annotation name} to the 1-based DRL line of that annotation
 */
record DrlText(PackageDescr pkg, List<String> errors, Map<String, Integer> annotationLines) {
    DrlText {
        errors = List.copyOf(errors);
        annotationLines = Map.copyOf(annotationLines);
    }

    /** @return the text, parsed */
    static DrlText parse(String drl) {
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException | RuntimeException e) {
            return new DrlText(null, List.of(String.valueOf(e.getMessage())), Map.of());
        }
        if (parser.hasErrors() || pkg == null) {
            List<String> errors = parser.getErrors().stream().map(DroolsError::getMessage).toList();
            return new DrlText(null, errors.isEmpty() ? List.of("the DRL parser cannot read it") : errors, Map.of());
        }
        return new DrlText(pkg, List.of(), annotationLines(pkg, drl));
    }

    /** @return the rules, in the order written; empty when the text does not parse */
    List<RuleDescr> rules() {
        return pkg == null ? List.of() : pkg.getRules();
    }

    /** @return the line of an annotation of a rule, or 0 when unknown */
    int lineOf(RuleDescr rule, AnnotationDescr annotation) {
        return annotationLines.getOrDefault(rule.getName() + "@" + annotation.getName(), 0);
    }

    /** @return an annotation's value, without the quotes around it */
    static String value(AnnotationDescr a) {
        String text = a.getSingleValueAsString() == null ? String.valueOf(a.getValueMap())
                : a.getSingleValueAsString().strip();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    private static Map<String, Integer> annotationLines(PackageDescr reference, String drl) {
        PackageDescr pkg;
        try {
            DrlParser parser = new DrlParser(LanguageLevelOption.DRL10);
            pkg = parser.parse(false, drl);
            if (parser.hasErrors() || pkg == null) {
                return Map.of();
            }
        } catch (DroolsParserException | RuntimeException e) {
            return Map.of();
        }
        Map<String, String> expected = new HashMap<>();
        reference.getRules().forEach(r -> r.getAnnotations().forEach(a -> expected.put(r.getName() + "@"
                + a.getName(), value(a))));
        Map<String, Integer> out = new HashMap<>();
        for (RuleDescr r : pkg.getRules()) {
            for (AnnotationDescr a : r.getAnnotations()) {
                String key = r.getName() + "@" + a.getName();
                if (a.getLine() > 0 && value(a).equals(expected.get(key))) {
                    out.putIfAbsent(key, a.getLine());
                }
            }
        }
        return out;
    }
}
