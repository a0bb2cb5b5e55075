/**
 * The knowledge base as documents: the guideline coverage report and the rule catalogue in Markdown, built from the
 * rules as {@link org.twitchtriage.authoring.source} reads them (id, name, citations, extensions beyond the guideline,
 * conclusions, file and line, and for rules in the rule language their sentences). Used by build-time tools and tests;
 * it never evaluates rules. Thread-safe: all types are immutable or stateless.
 */
package org.twitchtriage.authoring.catalog;
