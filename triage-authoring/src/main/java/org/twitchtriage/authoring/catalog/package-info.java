/**
 * The knowledge base as documents: rule sources read from the rule files (id, name, citations, conclusions, file and
 * line, and for rules in the rule language their sentences), the guideline coverage report and the rule catalogue.
 * DRL is read as text; rule-language files and decision tables are first turned into DRL by Drools' own expander and
 * decision-table compiler. Used by build-time tools and tests; it never evaluates rules. Thread-safe: all types are
 * immutable or stateless.
 */
package org.twitchtriage.authoring.catalog;
