/**
 * Decision tests: fluent AssertJ assertions on a {@link org.twitchtriage.engine.TriageDecision}
 * ({@link org.twitchtriage.testkit.TriageAssertions}) and scenario files, JSON documents that pair a case with the
 * decision expected for it and run as JUnit 5 dynamic tests ({@link org.twitchtriage.testkit.Scenarios}). The
 * scenario format is documented in {@code docs/scenarios.md}. The safety properties every decision must have are
 * {@link org.twitchtriage.testkit.SafetyInvariant}s; tables of small rule cases are
 * {@link org.twitchtriage.testkit.RuleCase}s, with requests from {@link org.twitchtriage.testkit.TriageRequests}. The
 * project's own rule tests use the same classes.
 *
 * <p>This is a test library: add it to the test scope of a project together with a knowledge base (the
 * {@code triage-rules} kjar or your own). It depends on AssertJ and the JUnit Jupiter API, never on a particular
 * knowledge base. Public types here are supported API; package-private types are not. All public types are
 * immutable or, for the assertion classes, confined to the test that created them. Arguments must not be
 * {@code null} unless a method says otherwise.
 */
package org.twitchtriage.testkit;
