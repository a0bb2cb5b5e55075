package org.twitchtriage.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;

/**
 * AssertJ assertions on one {@link Finding} of a decision, reached through
 * {@link DecisionAssert#hasFinding(org.twitchtriage.model.FindingCode)}. {@link #and()} returns to the decision.
 * Failures show the finding, each rule's contribution to it, and the whole decision.
 *
 * <p>Not thread-safe: use an instance within the test that created it.
 */
public class FindingAssert extends AbstractAssert<FindingAssert, Finding> {
    private final DecisionAssert decision;

    FindingAssert(Finding actual, DecisionAssert decision) {
        super(actual, FindingAssert.class);
        this.decision = decision;
    }

    /**
     * Checks the finding's urgency: the highest urgency any contributing rule gave it.
     *
     * @param expected the urgency expected
     * @return this, for chaining
     */
    public FindingAssert withUrgency(Urgency expected) {
        Objects.requireNonNull(expected, "expected");
        if (actual.getUrgency() != expected) {
            fail("to have urgency " + expected + ", but its urgency is " + actual.getUrgency());
        }
        return this;
    }

    /**
     * Checks the finding's kind.
     *
     * @param expected the kind expected
     * @return this, for chaining
     */
    public FindingAssert ofKind(FindingKind expected) {
        Objects.requireNonNull(expected, "expected");
        if (actual.getKind() != expected) {
            fail("to be of kind " + expected + ", but it is of kind " + actual.getKind());
        }
        return this;
    }

    /**
     * Checks that each of these rules contributed to the finding; other rules may have contributed too.
     *
     * @param ruleIds the rules' {@code @id}s, at least one
     * @return this, for chaining
     */
    public FindingAssert concludedBy(String... ruleIds) {
        List<String> missing = missing(actual.getRules(), List.of(ruleIds));
        if (!missing.isEmpty()) {
            fail("to be concluded by " + DecisionText.list(List.of(ruleIds)) + ", but not by "
                    + DecisionText.list(missing) + "; it was concluded by " + DecisionText.list(actual.getRules()));
        }
        return this;
    }

    /**
     * Checks that the finding cites each of these guideline passages; it may cite more. Passages are given as IDs
     * ({@code UARM-10}) or as citations ({@code muscle-twitching#UARM-10}).
     *
     * @param passageIds the passages, at least one
     * @return this, for chaining
     */
    public FindingAssert citing(String... passageIds) {
        Set<String> wanted = DecisionText.passageIds(List.of(passageIds));
        List<String> missing = missing(actual.getPassages(), List.copyOf(wanted));
        if (!missing.isEmpty()) {
            fail("to cite " + DecisionText.list(wanted) + ", but it does not cite " + DecisionText.list(missing)
                    + "; it cites " + DecisionText.list(actual.getPassages()));
        }
        return this;
    }

    /**
     * Checks that the finding concerns this twitch; it may concern others too.
     *
     * @param twitchId the twitch's id in the request, for example {@code t1}
     * @return this, for chaining
     */
    public FindingAssert forTwitch(String twitchId) {
        Objects.requireNonNull(twitchId, "twitchId");
        if (!actual.getTwitchIds().contains(twitchId)) {
            fail("to concern twitch " + twitchId + ", but it concerns " + DecisionText.twitches(actual.getTwitchIds()));
        }
        return this;
    }

    /** @return the assertions on the decision this finding belongs to, to go on checking it */
    public DecisionAssert and() {
        return decision;
    }

    private static List<String> missing(Set<String> actual, List<String> expected) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("name at least one value to look for");
        }
        expected.forEach(e -> Objects.requireNonNull(e, "a value to look for is null"));
        return expected.stream().filter(e -> !actual.contains(e)).distinct().toList();
    }

    private void fail(String what) {
        failWithMessage("%nExpecting finding %s %s.%nThe finding:%n  %s%n%s%n%s", DecisionText.code(actual.getCode()),
                what, DecisionText.finding(actual), DecisionText.reasons(actual),
                DecisionText.decision(decision.actual()));
    }
}
