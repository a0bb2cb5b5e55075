package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.rules.ProjectRules.ENGINE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.RuleInfo;
import org.twitchtriage.testkit.RuleCase;

/**
 * Checks the topic tables together: every rule of the knowledge base has a case where it fires and a case where it
 * must not, and no table names a rule that does not exist. The tables are listed here by hand, so a new topic test
 * class has to be added to {@link #TABLES}.
 */
class RuleCoverageTest {
    /** Every topic test class's table, by class name. */
    private static final Map<String, Supplier<Stream<RuleCase>>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("RedFlagRulesTest", RedFlagRulesTest::cases);
        TABLES.put("ReferralRulesTest", ReferralRulesTest::cases);
        TABLES.put("WorkupRulesTest", WorkupRulesTest::cases);
        TABLES.put("NeurologyRulesTest", NeurologyRulesTest::cases);
        TABLES.put("PregnancyRulesTest", PregnancyRulesTest::cases);
        TABLES.put("UpperArmRulesTest", UpperArmRulesTest::cases);
        TABLES.put("WholeBodyRulesTest", WholeBodyRulesTest::cases);
        TABLES.put("CalfRulesTest", CalfRulesTest::cases);
        TABLES.put("EyeRulesTest", EyeRulesTest::cases);
        TABLES.put("EyelidRulesTest", EyelidRulesTest::cases);
        TABLES.put("LegRulesTest", LegRulesTest::cases);
        TABLES.put("AbdomenRulesTest", AbdomenRulesTest::cases);
        TABLES.put("FaceRulesTest", FaceRulesTest::cases);
        TABLES.put("KneeRulesTest", KneeRulesTest::cases);
        TABLES.put("HandRulesTest", HandRulesTest::cases);
        TABLES.put("LipRulesTest", LipRulesTest::cases);
        TABLES.put("ScopeRulesTest", ScopeRulesTest::cases);
        TABLES.put("UnknownInputRulesTest", UnknownInputRulesTest::cases);
    }

    private static List<RuleCase> allCases;
    private static Set<String> engineRuleIds;

    @BeforeAll
    static void collect() {
        allCases = TABLES.values().stream().flatMap(Supplier::get).toList();
        engineRuleIds = ENGINE.rules().stream().map(RuleInfo::id).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @DisplayName("Every topic table has cases, and the knowledge base has rules to cover")
    void tablesAndRulesArePresent() {
        TABLES.forEach((name, table) -> assertThat(table.get()).as("cases of %s", name).isNotEmpty());
        assertThat(engineRuleIds).as("rule ids in the knowledge base").isNotEmpty();
    }

    @Test
    @DisplayName("Every rule has at least one case in which it fires")
    void everyRuleFiresSomewhere() {
        Set<String> covered = ids(allCases, RuleCase::firingRules);
        assertThat(uncovered(covered)).as("rules that no case expects to fire").isEmpty();
    }

    @Test
    @DisplayName("Every rule has at least one case in which it must not fire")
    void everyRuleIsHeldBackSomewhere() {
        Set<String> covered = ids(allCases, RuleCase::nonFiringRules);
        assertThat(uncovered(covered)).as("rules that no case expects to stay silent").isEmpty();
    }

    @Test
    @DisplayName("Every rule id a table names exists in the knowledge base")
    void everyNamedRuleExists() {
        List<String> unknown = new ArrayList<>();
        TABLES.forEach((name, table) -> table.get().forEach(c -> {
            Set<String> named = new TreeSet<>(c.firingRules());
            named.addAll(c.nonFiringRules());
            named.removeAll(engineRuleIds);
            named.forEach(id -> unknown.add(name + ": '" + c + "' names unknown rule " + id));
        }));
        assertThat(unknown).as("rule ids that are not in the knowledge base").isEmpty();
    }

    @Test
    @DisplayName("No case expects a rule both to fire and not to fire")
    void noCaseContradictsItself() {
        List<String> contradictions = new ArrayList<>();
        for (RuleCase c : allCases) {
            Set<String> both = new TreeSet<>(c.firingRules());
            both.retainAll(c.nonFiringRules());
            both.forEach(id -> contradictions.add("'" + c + "': " + id));
        }
        assertThat(contradictions).isEmpty();
    }

    @Test
    @DisplayName("Case descriptions are unique, so a failing row can be found by its name")
    void descriptionsAreUnique() {
        Map<String, Long> counts = allCases.stream()
                .collect(Collectors.groupingBy(RuleCase::toString, Collectors.counting()));
        assertThat(counts).as("descriptions used more than once").allSatisfy((d, n) -> assertThat(n).isEqualTo(1L));
    }

    private static Set<String> ids(Collection<RuleCase> cases, Function<RuleCase, Set<String>> which) {
        return cases.stream().flatMap(c -> which.apply(c).stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> uncovered(Set<String> covered) {
        Set<String> missing = new TreeSet<>(engineRuleIds);
        missing.removeAll(covered);
        return missing;
    }
}
