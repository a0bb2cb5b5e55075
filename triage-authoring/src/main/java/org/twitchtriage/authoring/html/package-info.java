/**
 * The rule catalogue as one self-contained HTML page for clinical review
 * ({@link org.twitchtriage.authoring.html.RuleCatalogueHtml}): rules grouped by body site and by the topics that
 * span body sites ({@link org.twitchtriage.authoring.html.RuleGroup}), each in the words its author wrote, the
 * sentences of the rule language or a decision-table row in words
 * ({@link org.twitchtriage.authoring.html.TableRow}), with the guideline passages it cites and the findings it
 * concludes, and per group an inline SVG diagram passage &rarr; rule &rarr; conclusion. Built from the rule sources
 * that {@link org.twitchtriage.authoring.source.SourceFolder} reads; it never evaluates rules. The page is
 * deterministic, so a committed copy can be checked for staleness. Thread-safe: all types are immutable or
 * stateless.
 */
package org.twitchtriage.authoring.html;
