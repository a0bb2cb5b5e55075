package org.twitchtriage.model;

/** How soon a patient should act on a finding. Declared from lowest to highest. */
public enum Urgency {
    /** No time pressure: self-care, information, a routine appointment if it does not pass. */
    ROUTINE,
    /** See a doctor within days. */
    SOON,
    /** See a doctor without delay. */
    URGENT;

    /** @return the higher of this and {@code other} */
    public Urgency max(Urgency other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
