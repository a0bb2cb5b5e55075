package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.rules.ProjectRules.ENGINE;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.pregnantWoman;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/** One shared engine, many threads: every decision must be the one a single thread reaches. */
class ConcurrentEvaluationTest {
    private static final int THREADS = 4;
    private static final int EVALUATIONS_PER_THREAD = 200;

    /** Varied cases: several body sites, pregnancy, red flags of every urgency, more than one twitch. */
    private static List<TriageRequest> requests() {
        return List.of(
                request(pregnantWoman().build(), twitch(BodySite.CALF).build()),
                request(adult(Sex.MALE).build(), twitch(BodySite.WHOLE_BODY)
                        .course(Course.INCREASING).symptom(Symptom.PARALYSIS).build()),
                request(adult(Sex.FEMALE).circumstance(Circumstance.STRESS).build(),
                        twitch(BodySite.EYELID).course(Course.PERSISTING).build()),
                request(adult(Sex.MALE).build(), twitch(BodySite.UPPER_ARM)
                        .symptom(Symptom.PAIN).symptom(Symptom.SENSORY_DISTURBANCE).build()),
                request(pregnantWoman().build(), twitch(BodySite.ABDOMEN)
                        .selfCare(SelfCare.NO_IMPROVEMENT).build()),
                request(adult(Sex.OTHER).build(), twitch(BodySite.HAND).course(Course.PERSISTING).build()),
                request(adult(Sex.FEMALE).circumstance(Circumstance.STRESS).build(),
                        twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN).build(),
                        twitch(BodySite.EYELID).id("t2").build()),
                request(pregnantWoman().build(), twitch(BodySite.UPPER_ARM).symptom(Symptom.NUMBNESS)
                        .build()),
                request(adult(Sex.UNKNOWN).build(), twitch(BodySite.KNEE).build()));
    }

    private static TriageRequest request(Patient patient, Twitch... twitches) {
        return TriageRequest.builder().patient(patient).twitches(List.of(twitches)).build();
    }

    /** What must not differ between two evaluations of one request. */
    private record Outcome(List<?> findings, List<String> firedRuleIds, Urgency highestUrgency) {
        static Outcome of(TriageDecision d) {
            return new Outcome(d.findings(), d.firedRules().stream().map(FiredRule::id).toList(),
                    d.highestUrgency());
        }
    }

    @Test
    @DisplayName("4 threads sharing one engine reach the same decisions as one thread, case by case")
    void concurrentDecisions_equalSequentialOnes() throws Exception {
        List<TriageRequest> requests = requests();
        List<Outcome> expected = requests.stream().map(r -> Outcome.of(ENGINE.evaluate(r))).toList();
        // the cases must actually differ, or agreeing would prove little
        assertThat(expected).doesNotHaveDuplicates();
        assertThat(expected).extracting(Outcome::highestUrgency)
                .contains(Urgency.ROUTINE, Urgency.SOON, Urgency.URGENT);

        Queue<String> mismatches = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> done = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    int evaluated = 0;
                    for (int n = 0; n < EVALUATIONS_PER_THREAD; n++) {
                        // each thread walks the cases from a different starting point
                        int i = (thread * 3 + n) % requests.size();
                        Outcome actual = Outcome.of(ENGINE.evaluate(requests.get(i)));
                        if (!actual.equals(expected.get(i))) {
                            mismatches.add("thread " + thread + ", case " + i + ": expected " + expected.get(i)
                                    + " but was " + actual);
                        }
                        evaluated++;
                    }
                    return evaluated;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(); // rethrows any failure inside a thread
            }
            assertThat(total).isEqualTo(THREADS * EVALUATIONS_PER_THREAD);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        assertThat(mismatches).isEmpty();
    }
}
