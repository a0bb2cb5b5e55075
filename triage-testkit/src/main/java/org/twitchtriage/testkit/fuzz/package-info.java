/**
 * Fuzzing with hostile input: {@link org.twitchtriage.testkit.fuzz.HostileJson} makes hostile documents from
 * well-formed seeds, {@link org.twitchtriage.testkit.fuzz.FuzzRun} runs each under a deadline and counts how it ended.
 * The project's fuzz tests (case reader, FHIR mapper, CDS Hooks service) drive them from jqwik properties; the counts
 * are recorded in {@code docs/reliability.md}. Like the rest of the kit, meant for the test scope.
 */
package org.twitchtriage.testkit.fuzz;
