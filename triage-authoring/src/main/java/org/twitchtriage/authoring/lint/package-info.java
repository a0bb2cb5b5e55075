/**
 * The rule linter: {@link org.twitchtriage.authoring.lint.RuleLinter} checks a rules folder for compile errors
 * (including lines that are not sentences of the rule language), missing or repeated {@code @id}s, missing
 * {@code @source}s, citations of passages the guideline does not have, rules that can never fire, and rules that
 * reassure a twitch other rules escalate. Problems are {@link org.twitchtriage.authoring.source.RuleProblem}s, written
 * {@code file:line: message}. Thread-safe: the linter is immutable.
 */
package org.twitchtriage.authoring.lint;
