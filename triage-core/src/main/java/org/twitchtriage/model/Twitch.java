package org.twitchtriage.model;

import java.util.Set;
import lombok.Builder;
import lombok.Singular;
import lombok.Value;

/**
 * One twitching complaint at one body site, with its course and accompanying symptoms. Immutable.
 *
 * <p>{@code id} identifies the twitch within its request (for example {@code "t1"}); it carries no personal data.
 */
@Value
@Builder(toBuilder = true)
public class Twitch {
    /**
     * Days after which a twitch no longer counts as passing. The guideline expects most twitching to go after "a
     * short time", "a few days" or "some time"; the project reads two weeks as the end of that (docs/clinical-scope.md).
     */
    public static final int PASSING_DAYS = 14;

    /** Identifier of this twitch within the request; unique per request. */
    String id;
    BodySite site;
    /** How pronounced; {@code null} when not stated. */
    Visibility visibility;
    Course course;
    /** Whether the twitch occurs just before falling asleep. */
    boolean beforeSleep;
    /** How long it has lasted, in days; {@code null} when not stated. */
    Integer durationDays;
    /** Whether self-care was tried and with what result. */
    @Builder.Default
    SelfCare selfCare = SelfCare.NOT_TRIED;
    /** Symptoms and signs accompanying this twitch. */
    @Singular
    Set<Symptom> symptoms;

    /** @return true when the twitch is accompanied by the given symptom */
    public boolean has(Symptom symptom) {
        return symptoms.contains(symptom);
    }

    /** @return true when the twitch is accompanied by at least one of the given symptoms */
    public boolean hasAny(Symptom... candidates) {
        for (Symptom s : candidates) {
            if (symptoms.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** @return true when the twitch has lasted at least {@link #PASSING_DAYS} days */
    public boolean isLongerThanPassing() {
        return durationDays != null && durationDays >= PASSING_DAYS;
    }

    /** @return true when self-care was tried and the twitching did not get better */
    public boolean isSelfCareFailed() {
        return selfCare == SelfCare.NO_IMPROVEMENT;
    }
}
