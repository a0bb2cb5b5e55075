/**
 * Checks a {@link org.twitchtriage.model.TriageRequest} before any rule runs and reports every problem at once, each
 * naming its field. Thread-safe.
 */
package org.twitchtriage.validation;
