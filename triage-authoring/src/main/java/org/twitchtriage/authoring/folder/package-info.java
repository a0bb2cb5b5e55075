/**
 * Rules folders compiled at run time: {@link org.twitchtriage.authoring.folder.RulesFolder} builds a knowledge base
 * with the executable model from the rule files of a folder and opens a
 * {@link org.twitchtriage.engine.TriageEngine} on it, so that a rule author can try an edit in seconds, without
 * rebuilding the project. Problems are {@link org.twitchtriage.authoring.source.RuleProblem}s, written
 * {@code file:line: message}. Thread-safe: all types are immutable.
 */
package org.twitchtriage.authoring.folder;
