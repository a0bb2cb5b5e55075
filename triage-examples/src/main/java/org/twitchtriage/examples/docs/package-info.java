/** Generates the knowledge base's documents (guideline coverage report, rule catalogue) into {@code docs/}. */
package org.twitchtriage.examples.docs;
