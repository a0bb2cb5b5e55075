package org.twitchtriage.model;

/** What sort of conclusion a finding is. The declaration order is the order findings are presented in. */
public enum FindingKind {
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
