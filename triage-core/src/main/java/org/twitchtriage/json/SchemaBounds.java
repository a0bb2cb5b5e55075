package org.twitchtriage.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds a field states in the JSON Schema ({@link JsonSchemaWriter}): {@code minimum}/{@code maximum} (or, when
 * {@link #exclusive()}, {@code exclusiveMinimum}/{@code exclusiveMaximum}) for a number, {@code minItems}/{@code
 * maxItems} for a list, {@code minLength}/{@code maxLength} for a text. The binder does not check them: the reader's
 * validator does, and the bounds are written with the constants of {@link org.twitchtriage.validation.Limits} and the
 * validator, so that each limit is defined once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface SchemaBounds {
    /** @return the least value, number of entries or number of characters */
    long min();

    /** @return the greatest value, number of entries or number of characters */
    long max();

    /** @return whether a number must lie strictly between {@link #min()} and {@link #max()} */
    boolean exclusive() default false;
}
