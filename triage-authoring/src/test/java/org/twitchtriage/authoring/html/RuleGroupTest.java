package org.twitchtriage.authoring.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.model.BodySite;

@DisplayName("Grouping rules by body site and topic")
class RuleGroupTest {
    private static RuleSource rule(String pkg, String id) {
        return new RuleSource("f.drl", 1, pkg, id, id, null, List.of());
    }

    @ParameterizedTest(name = "package {0} -> {1}")
    @CsvSource({
            "org.twitchtriage.rules.calf, CALF, Calf",
            "org.twitchtriage.rules.upperarm, UPPER_ARM, Upper arm",
            "org.twitchtriage.rules.legs, LEG, Leg",
            "org.twitchtriage.rules.wholebody, WHOLE_BODY, All over the body",
            "org.twitchtriage.rules.hand, HAND, Hand or thumb"})
    @DisplayName("a package named after a body site groups its rules under that site")
    void bodySites(String pkg, BodySite site, String title) {
        RuleGroup g = RuleGroup.of(List.of(rule(pkg, "A"))).get(0);

        assertThat(g.site()).isEqualTo(site);
        assertThat(g.title()).isEqualTo(title);
        assertThat(g.isBodySite()).isTrue();
    }

    @Test
    @DisplayName("body sites first in the model's order, then red flags, referral, neurology, workup, pregnancy, "
            + "then other topics alphabetically")
    void order() {
        List<RuleGroup> groups = RuleGroup.of(List.of(
                rule("x.zeta", "Z"), rule("x.pregnancy", "P"), rule("x.workup", "W"), rule("x.referral", "R"),
                rule("x.neurology", "N"), rule("x.redflags", "F"), rule("x.calf", "C1"), rule("x.upperarm", "U"),
                rule("x.calf", "C2"), rule("x.alpha", "A"), rule("", "none")));

        assertThat(groups).extracting(RuleGroup::title).containsExactly("Upper arm", "Calf", "Red flags", "Referral",
                "Neurology", "Workup", "Pregnancy", "Rules without a package", "Alpha", "Zeta");
        assertThat(groups.get(1).rules()).extracting(RuleSource::id).containsExactly("C1", "C2");
        assertThat(groups.get(2).isBodySite()).isFalse();
    }
}
