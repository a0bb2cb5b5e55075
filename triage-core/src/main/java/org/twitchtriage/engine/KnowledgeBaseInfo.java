package org.twitchtriage.engine;

/**
 * Identity of the knowledge base a decision was made with.
 *
 * @param releaseId  Maven coordinates of the kjar ({@code group:artifact:version}), or a label for an unpackaged one
 * @param kieBase    the KieBase name
 * @param ruleCount  number of rules in the KieBase
 */
public record KnowledgeBaseInfo(String releaseId, String kieBase, int ruleCount) {
}
