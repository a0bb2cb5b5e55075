package org.twitchtriage.model;

/** Administrative sex of the patient, as the rules need it (pregnancy plausibility). */
public enum Sex {
    FEMALE,
    MALE,
    OTHER,
    UNKNOWN
}
