/**
 * JSON adapter and the project's one strict JSON layer.
 *
 * <ul>
 *   <li>{@link org.twitchtriage.json.StrictJson}: the one configured Jackson mapper every JSON document is parsed
 *       with (duplicate keys refused, decimals exact, nesting and sizes bounded) and syntax problems as
 *       {@link org.twitchtriage.validation.Violation}s that never quote the input.</li>
 *   <li>{@link org.twitchtriage.json.JsonBinder}: binds a parsed tree onto records, reporting every unknown field,
 *       wrong type, unknown code and missing value at once with its path ({@code twitches[0].site}); case files,
 *       scenario files, the CDS Hooks configuration and CDS Hooks feedback are read through it.</li>
 *   <li>{@link org.twitchtriage.json.JsonSchemaWriter}: the JSON Schema of a format, from the same records.</li>
 *   <li>{@link org.twitchtriage.json.CaseFile}: the case-file format, defined once; {@code docs/case.schema.json} is
 *       generated from it.</li>
 *   <li>{@link org.twitchtriage.json.RequestReader} reads a case file into a valid
 *       {@link org.twitchtriage.model.TriageRequest}; {@link org.twitchtriage.json.DecisionWriter} turns a
 *       {@link org.twitchtriage.engine.TriageDecision} into JSON with a stable field order.</li>
 * </ul>
 *
 * <p>The fact model carries no JSON annotations: the mapping lives in {@code CaseFile}. No class here writes the
 * patient's reference into an error message, and neither the reader's nor the writer's output holds it unless asked.
 * The readers and writers are immutable and thread-safe; a {@code JsonBinder} serves one document. The case-file
 * format is described in {@code docs/input-format.md}.
 */
package org.twitchtriage.json;
