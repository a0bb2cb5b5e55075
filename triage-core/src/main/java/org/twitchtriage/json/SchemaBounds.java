package org.twitchtriage.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds a field states in the JSON Schema ({@link JsonSchemaWriter}): {@code minimum}/{@code maximum} for a number,
 * {@code minItems}/{@code maxItems} for a list. The binder does not check them: the reader's validator does, and the
 * bounds are written with the validator's own constants, so that the limit is defined once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface SchemaBounds {
    /** @return the least value, or number of entries */
    long min();

    /** @return the greatest value, or number of entries */
    long max();
}
