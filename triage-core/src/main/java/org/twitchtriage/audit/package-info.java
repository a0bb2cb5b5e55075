/**
 * Auditing and explaining decisions: the explanation chain from each finding through the rules that concluded it
 * to the input facts and guideline passages; audit records (one per evaluation) chained with a keyed MAC and
 * recovered automatically after a crash; sinks that store them; verification and replay of an audit log.
 */
package org.twitchtriage.audit;
