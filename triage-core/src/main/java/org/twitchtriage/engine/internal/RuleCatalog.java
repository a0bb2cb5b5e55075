package org.twitchtriage.engine.internal;

import org.twitchtriage.engine.RuleInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.twitchtriage.guideline.Guideline;

/**
 * The metadata of every rule in a KieBase, checked once: each rule needs a unique {@code @id} and a {@code @source}
 * whose citations all exist in the guideline index. Immutable after construction; thread-safe.
 */
public final class RuleCatalog {
    /** Metadata key of a rule's stable identifier. */
    public static final String ID = "id";
    /** Metadata key of a rule's guideline citations. */
    public static final String SOURCE = "source";

    private final Map<String, RuleInfo> byQualifiedName;
    /**
     * The same metadata keyed by the rule objects of the KieBase, which are the objects a match reports: a lookup
     * per firing without building the qualified name. Never modified after construction.
     */
    private final Map<Rule, RuleInfo> byRule;
    private final List<RuleInfo> rules;

    private RuleCatalog(Map<String, RuleInfo> byQualifiedName, Map<Rule, RuleInfo> byRule, List<RuleInfo> rules) {
        this.byQualifiedName = byQualifiedName;
        this.byRule = byRule;
        this.rules = rules;
    }

    /**
     * Reads and checks the metadata of all rules.
     *
     * @return the catalogue
     * @throws IllegalStateException listing every problem, when any rule's metadata is missing or wrong
     */
    public static RuleCatalog of(KieBase kieBase, Guideline guideline) {
        List<Rule> all = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            all.addAll(p.getRules());
        }
        return of(all, guideline);
    }

    static RuleCatalog of(Collection<Rule> all, Guideline guideline) {
        List<String> problems = new ArrayList<>();
        Map<String, RuleInfo> byName = new HashMap<>();
        Map<Rule, RuleInfo> byRule = new IdentityHashMap<>();
        Map<String, String> idOwner = new HashMap<>();
        List<RuleInfo> rules = new ArrayList<>();
        for (Rule r : all) {
            String where = "rule '" + r.getName() + "' in package " + r.getPackageName();
            String id = metaValue(r, ID);
            String source = metaValue(r, SOURCE);
            if (id == null || id.isBlank()) {
                problems.add(where + ": missing @id");
            }
            if (source == null || source.isBlank()) {
                problems.add(where + ": missing @source");
            }
            if (id == null || source == null) {
                continue;
            }
            String previous = idOwner.putIfAbsent(id, r.getName());
            if (previous != null) {
                problems.add(where + ": @id " + id + " is also used by rule '" + previous + "'");
            }
            List<String> passages;
            try {
                passages = guideline.parseCitations(source);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": @source: " + e.getMessage());
                continue;
            }
            RuleInfo info = new RuleInfo(id, r.getName(), r.getPackageName(), passages);
            byName.put(qualified(r.getPackageName(), r.getName()), info);
            byRule.put(r, info);
            rules.add(info);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the knowledge base has rules with missing or wrong metadata:\n  "
                    + String.join("\n  ", problems));
        }
        rules.sort(Comparator.comparing(RuleInfo::id));
        return new RuleCatalog(Map.copyOf(byName), byRule, List.copyOf(rules));
    }

    /**
     * The value of a metadata entry as text. The executable model keeps the DRL quotes of {@code @id("X")} when the
     * KieBase is built without {@code drools-mvel} on the class path (as in a {@code KieBuilder} build at run or
     * test time); the kjar plugin, which has it, strips them. Both must read the same.
     */
    static String metaValue(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }

    /** @return the metadata of a rule of this KieBase */
    public RuleInfo info(Rule rule) {
        RuleInfo info = byRule.get(rule);
        if (info != null) {
            return info;
        }
        info = byQualifiedName.get(qualified(rule.getPackageName(), rule.getName()));
        if (info == null) {
            throw new IllegalStateException("rule not in the catalogue: " + rule.getName());
        }
        return info;
    }

    /** @return all rules, sorted by id */
    public List<RuleInfo> rules() {
        return rules;
    }

    private static String qualified(String pkg, String name) {
        return pkg + "/" + name;
    }
}
