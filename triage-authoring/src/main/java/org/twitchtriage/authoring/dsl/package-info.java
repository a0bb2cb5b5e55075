/**
 * The rule language for clinical authors: the DSL's sentences ({@link org.twitchtriage.authoring.dsl.DslSentence})
 * and the expansion of rule files written with them into DRL ({@link org.twitchtriage.authoring.dsl.DslExpander}),
 * with Drools' own expander so that the result is what the build compiles. Thread-safe: all types are immutable.
 */
package org.twitchtriage.authoring.dsl;
