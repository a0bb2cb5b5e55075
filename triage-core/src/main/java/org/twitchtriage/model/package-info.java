/**
 * The fact model: immutable input facts ({@link org.twitchtriage.model.Patient}, {@link org.twitchtriage.model.Twitch},
 * {@link org.twitchtriage.model.TriageRequest}), the conclusions the rules derive
 * ({@link org.twitchtriage.model.Conclusion}) and the merged output ({@link org.twitchtriage.model.Finding}).
 *
 * <p>Every type here is immutable and therefore safe to share between threads. Codes are typed enums, never free
 * text. Unless a method says otherwise, references are non-null once a request has passed validation.
 */
package org.twitchtriage.model;
