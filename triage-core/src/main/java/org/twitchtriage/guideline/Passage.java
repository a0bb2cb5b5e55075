package org.twitchtriage.guideline;

/**
 * One citable passage of the guideline: its stable ID, the section it belongs to and a summary in this project's
 * own words (the source text is not reproduced).
 *
 * @param id      stable passage ID, e.g. {@code CALF-6}
 * @param section section heading, e.g. {@code Calf}
 * @param summary one-line paraphrase
 */
public record Passage(String id, String section, String summary) {
}
