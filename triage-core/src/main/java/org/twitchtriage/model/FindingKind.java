package org.twitchtriage.model;

/** What sort of conclusion a finding is. The declaration order is the order findings are presented in. */
public enum FindingKind {
    /**
     * The case lies outside what the guideline covers (age, a critical lab value, a complaint or a duration the
     * guideline does not speak of): no reassurance and no supplements, a doctor with the stated urgency instead.
     */
    OUTSIDE_GUIDELINE,
    /** A warning sign that needs a doctor's attention. */
    RED_FLAG,
    /** See a doctor or a specialist. */
    REFERRAL,
    /** An examination the doctor is expected to carry out or consider. */
    WORKUP,
    /** A possible cause worth considering (not a diagnosis). */
    HYPOTHESIS,
    /** Something the patient can do themselves. */
    SELF_CARE,
    /** The twitch is usually harmless and passes by itself. */
    REASSURANCE
}
