/**
 * Implementation of the CDS Hooks service: token checks, prefetch reading, card building, feedback reading and the
 * HTTP routes. Not a supported API: anything here may change without notice; use
 * {@link org.twitchtriage.cdshooks.CdsHooksServer} and {@link org.twitchtriage.cdshooks.CdsHooksConfig}.
 */
package org.twitchtriage.cdshooks.internal;
