/**
 * JSON adapter: {@link org.twitchtriage.json.RequestReader} reads a case file into a
 * {@link org.twitchtriage.model.TriageRequest}, reporting every problem at once as
 * {@link org.twitchtriage.validation.Violation}s with field paths such as {@code twitches[0].site};
 * {@link org.twitchtriage.json.DecisionWriter} turns a {@link org.twitchtriage.engine.TriageDecision} into JSON with a
 * stable field order.
 *
 * <p>The mapping lives here, in private transfer records: the fact model carries no JSON annotations. Neither class
 * ever writes the patient's reference into its output or into an error message. Both are immutable and thread-safe.
 * The case-file format is documented in {@code docs/input-format.md}.
 */
package org.twitchtriage.json;
