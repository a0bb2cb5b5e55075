/**
 * The rule files as their authors wrote them, read by Drools' own DRL parser: a
 * {@link org.twitchtriage.authoring.source.RuleSourceFile} per file (DRL, the rule language expanded with Drools'
 * expander, a decision table turned into DRL by Drools' table compiler) holding its
 * {@link org.twitchtriage.authoring.source.RuleSource}s (name, metadata such as {@code @id}, {@code @source} and
 * {@code @extension}, conditions, consequence, conclusions), with every line mapped back to the file as written.
 * The rule catalogue, the coverage report, the linter and the rules folder all read rules through this model;
 * problems are {@link org.twitchtriage.authoring.source.RuleProblem}s, written {@code file:line: message}. Thread-safe:
 * all types are immutable or stateless.
 */
package org.twitchtriage.authoring.source;
