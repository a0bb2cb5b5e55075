/**
 * Generators for files derived from the knowledge base: the documents in {@code docs/} (guideline coverage report,
 * rule catalogue) and the decision-table workbooks generated from their CSV sources.
 */
package org.twitchtriage.examples.docs;
