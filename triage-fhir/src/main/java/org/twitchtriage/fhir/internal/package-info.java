/**
 * Implementation of the FHIR adapter. Unsupported: the types here may change or disappear in any release; use the
 * public API in {@code org.twitchtriage.fhir}.
 */
package org.twitchtriage.fhir.internal;
