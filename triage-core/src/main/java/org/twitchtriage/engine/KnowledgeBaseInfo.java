package org.twitchtriage.engine;

/**
 * Identity of the knowledge base a decision was made with.
 *
 * @param releaseId   Maven coordinates of the kjar ({@code group:artifact:version}), or a label for an unpackaged one
 * @param kieBase     the KieBase name
 * @param ruleCount   number of rules in the KieBase
 * @param rulesSha256 SHA-256 (hex) over the rule resources (path and content of every rule file and the kmodule), or
 *                    {@value #UNKNOWN_DIGEST} when the resources could not be read
 */
public record KnowledgeBaseInfo(String releaseId, String kieBase, int ruleCount, String rulesSha256) {
    /** Digest stated when the rule resources are not available to hash. */
    public static final String UNKNOWN_DIGEST = "unknown";
}
