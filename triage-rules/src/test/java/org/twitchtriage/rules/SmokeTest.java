package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;

class SmokeTest {
    @Test
    void smoke() {
        TriageDecision d = Cases.evaluate(Cases.pregnantWoman(), Cases.twitch(BodySite.CALF));
        System.out.println(d);
        TriageDecision d2 = Cases.evaluate(Cases.adult(Sex.MALE),
                Cases.twitch(BodySite.WHOLE_BODY).course(Course.INCREASING).symptom(Symptom.PARALYSIS));
        d2.findings().forEach(System.out::println);
        d2.firedRules().forEach(System.out::println);
        assertThat(d.findings()).isNotEmpty();
    }
}
