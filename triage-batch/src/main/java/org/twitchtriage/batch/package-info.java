/**
 * Population screening: many requests decided in one run, in constant memory, on every core. Inputs are JSON Lines
 * of case files ({@link org.twitchtriage.batch.CaseLines}) and FHIR Bulk Data export NDJSON
 * ({@link org.twitchtriage.batch.BulkExport}); {@link org.twitchtriage.batch.Screening} decides them into one
 * decision or error line per record with a {@link org.twitchtriage.batch.ScreeningSummary}, resumably;
 * and {@link org.twitchtriage.batch.PopulationGenerator} writes seeded synthetic populations. Described in
 * {@code docs/screening.md}. Packages named {@code ...internal} are implementation details and unsupported.
 */
package org.twitchtriage.batch;
