/**
 * The project's own index of the guideline's passages (IDs and paraphrased summaries) and the parsing of rule
 * citations ({@code @source("muscle-twitching#CALF-6, muscle-twitching#CALF-5")}). Immutable and thread-safe.
 */
package org.twitchtriage.guideline;
