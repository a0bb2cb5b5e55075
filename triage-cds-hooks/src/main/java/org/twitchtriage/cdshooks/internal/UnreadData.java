package org.twitchtriage.cdshooks.internal;

/**
 * Data the service asked for but could not read, and decided without: one prefetch key whose value the EHR replaced
 * by an {@code OperationOutcome} (or whose search result reports an error), when fetching it from the FHIR server was
 * not possible or failed too. Shown to the clinician so that "nothing found" and "could not read" differ.
 *
 * @param key    the prefetch key
 * @param reason why it could not be read, in words safe to show (no patient data)
 */
public record UnreadData(String key, String reason) {
}
