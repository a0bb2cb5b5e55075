package org.twitchtriage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

/**
 * Reused rule sessions ({@link EngineOptions#isReuseSessions()}) decide exactly as new sessions do, also after an
 * evaluation that failed half-way and when several threads share the engine. The knowledge base combines truth
 * maintenance (a reassurance withdrawn by a later red flag) with a rule whose condition fails for a twitch id that
 * is not a number, so that one knowledge base yields decisions and failures depending on the request.
 */
class TriageEngineSessionReuseTest {
    private static final KieBase KIE_BASE = DrlFixtures.compile(DrlFixtures.read("truth-maintenance.drl"),
            DrlFixtures.read("failing-condition.drl"));

    private static TriageEngine engine(boolean reuse) {
        return TriageEngine.of(KIE_BASE, DrlFixtures.RELEASE,
                EngineOptions.builder().reuseSessions(reuse).build());
    }

    private static TriageRequest request(String twitchId, Symptom... symptoms) {
        Twitch.TwitchBuilder twitch = Twitch.builder().id(twitchId).site(BodySite.CALF).course(Course.NEW);
        for (Symptom s : symptoms) {
            twitch.symptom(s);
        }
        return TriageRequest.builder()
                .patient(Patient.builder().reference("test-patient").ageYears(40).sex(Sex.FEMALE).build())
                .twitch(twitch.build())
                .build();
    }

    @Test
    @DisplayName("a reused session decides as a new one, before and after an evaluation that failed in a rule")
    void reusedSession_decidesAsNewSession_evenAfterAFailure() {
        TriageEngine reused = engine(true);
        TriageEngine fresh = engine(false);
        TriageRequest painful = request("7", Symptom.PAIN);
        TriageRequest painless = request("8");
        TriageRequest failing = request("t1");

        List<TriageDecision> seen = new ArrayList<>();
        for (TriageRequest r : List.of(painful, painless, painful, painless)) {
            assertThatThrownBy(() -> reused.evaluate(failing)).isExactlyInstanceOf(TriageEngineException.class)
                    .hasMessageContaining("Any twitch with a numeric id");
            TriageDecision d = reused.evaluate(r);
            assertThat(d).isEqualTo(fresh.evaluate(r));
            seen.add(d);
        }
        // the facts of one evaluation never reach the next: the painful case has its red flag, the painless not
        assertThat(seen.get(0).has(FindingCode.RED_FLAG_PAIN)).isTrue();
        assertThat(seen.get(0).firedRules()).anyMatch(FiredRule::withdrawn);
        assertThat(seen.get(1).has(FindingCode.RED_FLAG_PAIN)).isFalse();
        assertThat(seen.get(1).has(FindingCode.USUALLY_HARMLESS)).isTrue();
        assertThat(seen.get(1).firedRules()).noneMatch(FiredRule::withdrawn);
        assertThat(seen.get(2)).isEqualTo(seen.get(0));
        assertThat(seen.get(3)).isEqualTo(seen.get(1));
    }

    @Test
    @DisplayName("two threads sharing an engine with reused sessions get the decisions of new sessions")
    void reusedSessions_onTwoThreads_decideAsNewSessions() throws Exception {
        TriageEngine reused = engine(true);
        TriageEngine fresh = engine(false);
        List<TriageRequest> requests = List.of(request("7", Symptom.PAIN), request("8"), request("9", Symptom.PAIN));
        List<TriageDecision> expected = requests.stream().map(fresh::evaluate).toList();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int offset = w;
                workers.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 300; i++) {
                        int k = (i + offset) % requests.size();
                        if (!reused.evaluate(requests.get(k)).equals(expected.get(k))) {
                            throw new AssertionError("decision " + i + " of worker " + offset + " differs");
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : workers) {
                assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
