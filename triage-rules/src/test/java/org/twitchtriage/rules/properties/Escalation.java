package org.twitchtriage.rules.properties;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.validation.RequestValidator;

/**
 * One step that makes a request clinically worse on one twitch: one more symptom, self-care that did not help, a
 * longer duration, or a worse course. The monotonicity: such a step never lowers the highest urgency and
 * never removes a referral.
 *
 * <p>Courses from better to worse: {@code IMPROVING}, {@code NEW}, {@code PERSISTING}, {@code INCREASING}; an
 * {@code UNKNOWN} course is only made worse by becoming {@code INCREASING}. A duration
 * only grows from a stated value; a duration that was not stated is not "shorter" than any.
 *
 * @param description what changed, in words, for the failure report
 * @param before      the request before the step
 * @param after       the request after the step
 */
record Escalation(String description, TriageRequest before, TriageRequest after) {
    /** Durations a longer twitch is moved to, besides one more day: the thresholds clinical texts tend to use. */
    private static final int[] LANDMARK_DAYS = {3, 7, 14, 21, 28, 42, 56, 90, 180, 365, 730,
            RequestValidator.MAX_DURATION_DAYS};
    private static final List<Course> BETTER_TO_WORSE =
            List.of(Course.IMPROVING, Course.NEW, Course.PERSISTING, Course.INCREASING);

    /** @return every single worsening step that applies to this request, on any of its twitches */
    static List<Escalation> allOf(TriageRequest request) {
        List<Escalation> out = new ArrayList<>();
        for (int i = 0; i < request.getTwitches().size(); i++) {
            Twitch t = request.getTwitches().get(i);
            Set<Symptom> missing = EnumSet.allOf(Symptom.class);
            missing.removeAll(t.getSymptoms());
            for (Symptom s : missing) {
                out.add(step(request, i, "add symptom " + s + " to " + t.getId(), x -> x.toBuilder().symptom(s).build()));
            }
            if (t.getSelfCare() != SelfCare.NO_IMPROVEMENT) {
                out.add(step(request, i, "self-care of " + t.getId() + " " + t.getSelfCare() + " -> NO_IMPROVEMENT",
                        x -> x.toBuilder().selfCare(SelfCare.NO_IMPROVEMENT).build()));
            }
            Integer days = t.getDurationDays();
            if (days != null) {
                List<Integer> longer = new ArrayList<>();
                if (days < RequestValidator.MAX_DURATION_DAYS) {
                    longer.add(days + 1);
                }
                for (int landmark : LANDMARK_DAYS) {
                    if (landmark > days + 1) {
                        longer.add(landmark);
                    }
                }
                for (int d : longer) {
                    out.add(step(request, i, "duration of " + t.getId() + " " + days + " -> " + d + " days",
                            x -> x.toBuilder().durationDays(d).build()));
                }
            }
            // an unknown course is off the ladder: learning it is news, not a worsening, unless it turns out increasing
            List<Course> worseCourses = t.getCourse() == Course.UNKNOWN ? List.of(Course.INCREASING)
                    : BETTER_TO_WORSE.subList(BETTER_TO_WORSE.indexOf(t.getCourse()) + 1, BETTER_TO_WORSE.size());
            for (Course worse : worseCourses) {
                out.add(step(request, i, "course of " + t.getId() + " " + t.getCourse() + " -> " + worse,
                        x -> x.toBuilder().course(worse).build()));
            }
        }
        return out;
    }

    private static Escalation step(TriageRequest r, int index, String description, UnaryOperator<Twitch> change) {
        List<Twitch> twitches = new ArrayList<>(r.getTwitches());
        twitches.set(index, change.apply(twitches.get(index)));
        return new Escalation(description, r, r.toBuilder().clearTwitches().twitches(twitches).build());
    }
}
