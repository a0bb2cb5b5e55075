package org.twitchtriage.batch;

import java.util.Objects;

/**
 * A problem with one input line or with an element read from it. Messages name the field and what is wrong, never a
 * value from the input.
 *
 * @param location where, such as {@code cases.jsonl line 3} or {@code Condition.ndjson line 17}
 * @param field    the field, such as {@code twitches[0].site} or {@code Condition.bodySite[0].coding[0]}
 * @param message  what is wrong
 */
public record LineProblem(String location, String field, String message) {
    public LineProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
