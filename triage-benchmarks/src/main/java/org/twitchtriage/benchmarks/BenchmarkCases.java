package org.twitchtriage.benchmarks;

import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

/**
 * The fixed requests the benchmarks evaluate. Both are synthetic; the patient reference is a constant label.
 *
 * <ul>
 *   <li>{@link #typical()}: a pregnant woman with newly started calf twitching and no warning signs, the everyday
 *       case that ends in self-care advice.</li>
 *   <li>{@link #redFlag()}: increasing twitching all over the body with weakness, the case that raises red flags,
 *       suspects ALS or MS and refers urgently, so it fires the longest chain of rules.</li>
 * </ul>
 */
public final class BenchmarkCases {
    /**
     * Class-path resource of the logback configuration used while measuring: everything at WARN, so that the
     * engine's per-evaluation INFO line is not part of the measured cost. Passed as
     * {@code -Dlogback.configurationFile=...}.
     */
    public static final String LOGBACK_CONFIG = "org/twitchtriage/benchmarks/logback-benchmark.xml";

    private static final String REFERENCE = "bench";

    private BenchmarkCases() {
    }

    /** @return a pregnant 31-year-old woman with new calf twitching and nothing else */
    public static TriageRequest typical() {
        return TriageRequest.builder()
                .patient(Patient.builder().reference(REFERENCE).ageYears(31).sex(Sex.FEMALE).pregnant(true).build())
                .twitch(Twitch.builder().id("t1").site(BodySite.CALF).course(Course.NEW).build())
                .build();
    }

    /** @return a 58-year-old man with increasing twitching all over the body and paralysis or weakness */
    public static TriageRequest redFlag() {
        return TriageRequest.builder()
                .patient(Patient.builder().reference(REFERENCE).ageYears(58).sex(Sex.MALE).build())
                .twitch(Twitch.builder().id("t1").site(BodySite.WHOLE_BODY).course(Course.INCREASING)
                        .symptom(Symptom.PARALYSIS).build())
                .build();
    }

    /**
     * Points logback at {@link #LOGBACK_CONFIG} unless a configuration was chosen explicitly. Has an effect only
     * when called before the first logger is created.
     */
    public static void quietLoggingUnlessConfigured() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
    }
}
