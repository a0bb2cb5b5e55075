package org.twitchtriage.model;

import java.util.Objects;

/**
 * A fact derived by one rule: a code, an urgency, the twitch it concerns (or none, for the whole patient) and an
 * explanation in plain words. Rules insert conclusions; they never change input facts. The engine merges the
 * conclusions of one evaluation into {@link Finding}s and attributes each to the rule that inserted it.
 *
 * <p>Immutable. Create through the factory methods, which pick the usual urgency for each kind.
 */
public final class Conclusion {
    private final FindingCode code;
    private final Urgency urgency;
    private final String twitchId;
    private final String explanation;

    private Conclusion(FindingCode code, Urgency urgency, String twitchId, String explanation) {
        this.code = Objects.requireNonNull(code, "code");
        this.urgency = Objects.requireNonNull(urgency, "urgency");
        this.twitchId = twitchId;
        if (explanation == null || explanation.isBlank()) {
            throw new IllegalArgumentException("a conclusion needs an explanation: " + code);
        }
        this.explanation = explanation;
    }

    /** A conclusion of any kind with an explicit urgency. */
    public static Conclusion of(FindingCode code, Urgency urgency, Twitch twitch, String explanation) {
        return new Conclusion(code, urgency, twitch == null ? null : twitch.getId(), explanation);
    }

    /** A red flag on a twitch; red flags ask for a doctor soon unless a referral rule says otherwise. */
    public static Conclusion redFlag(FindingCode code, Twitch twitch, String explanation) {
        requireKind(code, FindingKind.RED_FLAG);
        return of(code, Urgency.SOON, twitch, explanation);
    }

    /** A red flag with an explicit urgency, for warning signs that need a doctor without delay. */
    public static Conclusion redFlag(FindingCode code, Urgency urgency, Twitch twitch, String explanation) {
        requireKind(code, FindingKind.RED_FLAG);
        return of(code, urgency, twitch, explanation);
    }

    /**
     * A conclusion that follows from another one (for example a workup step from a referral): same twitch, same
     * urgency.
     */
    public static Conclusion following(Conclusion cause, FindingCode code, String explanation) {
        return new Conclusion(code, cause.urgency, cause.twitchId, explanation);
    }

    /** A referral with the given urgency. */
    public static Conclusion referral(FindingCode code, Urgency urgency, Twitch twitch, String explanation) {
        requireKind(code, FindingKind.REFERRAL);
        return of(code, urgency, twitch, explanation);
    }

    /** A workup step; it inherits the urgency of the referral it belongs to. */
    public static Conclusion workup(FindingCode code, Urgency urgency, Twitch twitch, String explanation) {
        requireKind(code, FindingKind.WORKUP);
        return of(code, urgency, twitch, explanation);
    }

    /** A possible cause; routine by itself (urgency comes from red flags and referrals). */
    public static Conclusion hypothesis(FindingCode code, Twitch twitch, String explanation) {
        requireKind(code, FindingKind.HYPOTHESIS);
        return of(code, Urgency.ROUTINE, twitch, explanation);
    }

    /** Self-care advice; routine. */
    public static Conclusion selfCare(FindingCode code, Twitch twitch, String explanation) {
        requireKind(code, FindingKind.SELF_CARE);
        return of(code, Urgency.ROUTINE, twitch, explanation);
    }

    /** Reassurance; routine. */
    public static Conclusion reassurance(Twitch twitch, String explanation) {
        return of(FindingCode.USUALLY_HARMLESS, Urgency.ROUTINE, twitch, explanation);
    }

    /** A reassurance of a particular kind (for example a harmless sleep start); routine. */
    public static Conclusion reassurance(FindingCode code, Twitch twitch, String explanation) {
        requireKind(code, FindingKind.REASSURANCE);
        return of(code, Urgency.ROUTINE, twitch, explanation);
    }

    /**
     * A note that the case lies outside what the guideline covers, with the urgency of the doctor's visit that
     * replaces the guideline's advice.
     */
    public static Conclusion outsideGuideline(FindingCode code, Urgency urgency, Twitch twitch, String explanation) {
        requireKind(code, FindingKind.OUTSIDE_GUIDELINE);
        return of(code, urgency, twitch, explanation);
    }

    private static void requireKind(FindingCode code, FindingKind kind) {
        if (code.kind() != kind) {
            throw new IllegalArgumentException(code + " is a " + code.kind() + ", not a " + kind);
        }
    }

    public FindingCode getCode() {
        return code;
    }

    /** @return the kind of the code */
    public FindingKind getKind() {
        return code.kind();
    }

    /** @return true for a hypothesis of a disease of the nervous system, see {@link FindingCode#isNervousSystemDisease()} */
    public boolean isNervousSystemDisease() {
        return code.isNervousSystemDisease();
    }

    public Urgency getUrgency() {
        return urgency;
    }

    /** @return the id of the twitch concerned, or {@code null} when the conclusion is about the patient */
    public String getTwitchId() {
        return twitchId;
    }

    public String getExplanation() {
        return explanation;
    }

    @Override
    public String toString() {
        return "Conclusion[" + code + ", " + urgency + (twitchId == null ? "" : ", twitch " + twitchId) + "]";
    }
}
