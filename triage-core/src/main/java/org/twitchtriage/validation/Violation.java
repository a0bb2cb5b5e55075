package org.twitchtriage.validation;

import java.util.Objects;

/**
 * One problem with the input: the field it concerns, as a path such as {@code twitches[1].site}, and a plain-words
 * message. Never contains the patient's reference or other personal data.
 *
 * @param field   path of the offending field
 * @param message what is wrong, in plain words
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
