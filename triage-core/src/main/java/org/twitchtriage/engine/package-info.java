/**
 * The engine facade: create a {@link org.twitchtriage.engine.TriageEngine} once, share it between threads, and call
 * {@link org.twitchtriage.engine.TriageEngine#evaluate(org.twitchtriage.model.TriageRequest)} to get an immutable
 * {@link org.twitchtriage.engine.TriageDecision}.
 */
package org.twitchtriage.engine;
