package org.twitchtriage.authoring.lint;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.dsl.DslSentence;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.model.FindingCode;

/**
 * Finds rules that can never fire, without running them:
 * <ul>
 *   <li>conditions that contradict each other, such as a twitch at two body sites at once, a course that is both
 *       persisting and improving, or a patient who is both pregnant and not pregnant (all patient conditions of a rule
 *       concern the one patient of a request);</li>
 *   <li>a condition on a conclusion (a red flag, a referral, ...) that no rule concludes, or only rules that can
 *       never fire themselves.</li>
 * </ul>
 * Only conditions the rules must meet are read ({@code not} and {@code or} are left alone), and a constraint the
 * analysis does not understand narrows nothing, so a reported rule really cannot fire. Stateless.
 */
final class ReachabilityCheck {
    private static final String MODEL = "org.twitchtriage.model.";
    private static final String PATIENT = "Patient";
    private static final String CONCLUSION = "Conclusion";

    private ReachabilityCheck() {
    }

    /** What a rule needs and concludes. */
    private static final class Analysed {
        final RuleSource rule;
        final List<Requirement> needs = new ArrayList<>();
        String contradiction;

        Analysed(RuleSource rule) {
            this.rule = rule;
        }
    }

    /** A conclusion a rule needs: one of these codes, asked for by this condition. */
    private record Requirement(Set<FindingCode> codes, String condition) {
    }

    /**
     * @param rules    the rules, as parsed from files that compile
     * @param language the rule language, or {@code null} when the folder has none
     */
    static List<RuleProblem> check(List<RuleSource> rules, DslExpander language) {
        List<Analysed> analysed = new ArrayList<>();
        for (RuleSource r : rules) {
            if (r.descr() != null) {
                Analysed a = new Analysed(r);
                analyse(a, language);
                analysed.add(a);
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        List<Analysed> fireable = new ArrayList<>();
        for (Analysed a : analysed) {
            if (a.contradiction != null) {
                problems.add(problem(a, a.contradiction));
            } else {
                fireable.add(a);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<FindingCode> concluded = EnumSet.noneOf(FindingCode.class);
            fireable.forEach(a -> concluded.addAll(a.rule.conclusions()));
            for (Analysed a : List.copyOf(fireable)) {
                for (Requirement need : a.needs) {
                    if (need.codes().stream().noneMatch(concluded::contains)) {
                        problems.add(problem(a, "it needs " + describe(need.codes()) + " (" + need.condition()
                                + "), which no rule that can fire concludes"));
                        fireable.remove(a);
                        changed = true;
                        break;
                    }
                }
            }
        }
        return problems;
    }

    private static RuleProblem problem(Analysed a, String why) {
        return new RuleProblem(a.rule.file(), a.rule.line(), "rule \"" + a.rule.name() + "\" can never fire: " + why);
    }

    private static String describe(Set<FindingCode> codes) {
        List<String> names = codes.stream().map(FindingCode::name).toList();
        return names.size() == 1 ? "the conclusion " + names.get(0)
                : "one of the conclusions " + String.join(", ", names);
    }

    private static void analyse(Analysed a, DslExpander language) {
        List<String> when = a.rule.sentences() == null ? List.of() : a.rule.sentences().when().stream()
                .filter(line -> !line.startsWith(">")).toList();
        Map<String, FieldDomain> patient = new LinkedHashMap<>();
        for (PatternDescr p : positivePatterns(a.rule.descr().getLhs())) {
            Class<?> type = modelType(p.getObjectType());
            if (type == null || p.getSource() != null) {
                continue;
            }
            boolean isPatient = type.getSimpleName().equals(PATIENT);
            Map<String, FieldDomain> fields = isPatient ? patient : new LinkedHashMap<>();
            List<String> constraints = constraints(p);
            for (String c : constraints) {
                ConstraintReader.read(type, c).forEach((field, d) -> fields.merge(field, d, FieldDomain::and));
            }
            for (FieldDomain d : fields.values()) {
                if (d.isEmpty()) {
                    a.contradiction = contradiction(d.conditions(), isPatient ? "the patient"
                            : "the same " + noun(type), when, language);
                    return;
                }
            }
            if (type.getSimpleName().equals(CONCLUSION)) {
                Set<FindingCode> codes = codes(fields);
                if (codes.isEmpty()) {
                    List<String> conditions = new ArrayList<>();
                    fields.values().forEach(d -> conditions.addAll(d.conditions()));
                    a.contradiction = contradiction(conditions, "the same conclusion", when, language);
                    return;
                }
                String condition = constraints.isEmpty() ? "any conclusion" : origin(constraints.get(0), when,
                        language);
                a.needs.add(new Requirement(codes, condition));
            }
        }
    }

    /** @return the codes a conclusion pattern allows, from its conditions on code and kind */
    private static Set<FindingCode> codes(Map<String, FieldDomain> fields) {
        Set<FindingCode> codes = EnumSet.allOf(FindingCode.class);
        FieldDomain code = fields.get("code");
        FieldDomain kind = fields.get("kind");
        if (code != null && code.values() != null) {
            codes.removeIf(c -> !code.values().contains(c.name()));
        }
        if (kind != null && kind.values() != null) {
            codes.removeIf(c -> !kind.values().contains(c.kind().name()));
        }
        return codes;
    }

    private static String contradiction(List<String> conditions, String subject, List<String> when,
                                        DslExpander language) {
        List<String> origins = new ArrayList<>(new LinkedHashSet<>(conditions.stream()
                .map(c -> origin(c, when, language)).toList()));
        if (origins.size() == 1) {
            return origins.get(0) + " cannot hold for " + subject;
        }
        return String.join(", ", origins.subList(0, origins.size() - 1)) + " and " + origins.get(origins.size() - 1)
                + (origins.size() == 2 ? " cannot both hold for " : " cannot all hold for ") + subject;
    }

    /**
     * @return the sentence a condition comes from, in quotes, when the rule is written in the rule language; the
     *         condition itself otherwise
     */
    private static String origin(String condition, List<String> when, DslExpander language) {
        String wanted = squeeze(condition);
        if (language != null) {
            for (String line : when) {
                String drl = language.expandLine(line, DslSentence.Part.CONDITION).map(ReachabilityCheck::squeeze)
                        .orElse("");
                if (containsCondition(drl, wanted)) {
                    return "\"" + line + "\"";
                }
            }
        }
        return "\"" + condition.strip() + "\"";
    }

    private static boolean containsCondition(String drl, String condition) {
        for (int at = drl.indexOf(condition); at >= 0; at = drl.indexOf(condition, at + 1)) {
            boolean startsClean = at == 0 || !isPartOfCondition(drl.charAt(at - 1));
            int end = at + condition.length();
            boolean endsClean = end == drl.length() || !(isPartOfCondition(drl.charAt(end))
                    || "=!<>".indexOf(drl.charAt(end)) >= 0);
            if (startsClean && endsClean) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPartOfCondition(char c) {
        return Character.isJavaIdentifierPart(c) || c == '.';
    }

    /** @return the patterns a rule must match: top level and inside {@code exists}, never under {@code not} */
    private static List<PatternDescr> positivePatterns(BaseDescr descr) {
        List<PatternDescr> out = new ArrayList<>();
        if (descr instanceof PatternDescr p) {
            out.add(p);
        } else if (descr instanceof AndDescr and) {
            and.getDescrs().forEach(d -> out.addAll(positivePatterns(d)));
        } else if (descr instanceof ExistsDescr exists) {
            for (Object d : exists.getDescrs()) {
                if (d instanceof BaseDescr b) {
                    out.addAll(positivePatterns(b));
                }
            }
        }
        return out;
    }

    private static List<String> constraints(PatternDescr p) {
        List<String> out = new ArrayList<>();
        if (p.getConstraint() != null) {
            for (BaseDescr d : p.getConstraint().getDescrs()) {
                if (d instanceof ExprConstraintDescr e) {
                    out.add(e.getExpression());
                }
            }
        }
        return out;
    }

    private static Class<?> modelType(String objectType) {
        if (objectType == null) {
            return null;
        }
        String simple = objectType.substring(objectType.lastIndexOf('.') + 1);
        try {
            return Class.forName(MODEL + simple);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String noun(Class<?> type) {
        return type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }
}
