/**
 * The knowledge base as documents: rule sources read from DRL text (id, name, citations, conclusions, file and
 * line), the guideline coverage report and the rule catalogue. Used by build-time tools and tests; it never
 * evaluates rules. Thread-safe: all types are immutable or stateless.
 */
package org.twitchtriage.authoring.catalog;
