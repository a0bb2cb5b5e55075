/**
 * Implementation of the engine: loading a kjar's executable model, rule metadata, event recording and the merging
 * of conclusions into findings.
 * <strong>Internal and unsupported:</strong> anything here may change without notice; use
 * {@link org.twitchtriage.engine} instead.
 */
package org.twitchtriage.engine.internal;
