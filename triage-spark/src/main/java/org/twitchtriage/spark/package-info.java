/**
 * Population screening as an Apache Spark job: the inputs of {@code twitch-triage screen} (a FHIR Bulk Data export
 * folder, a JSON Lines file of cases), grouped by patient with Spark, decided on the executors with one knowledge base
 * per executor JVM, written in the format and order of {@code screen}. The records are made and decided by
 * {@code triage-batch}'s own classes, so both commands decide the same way. Entry point: {@link
 * org.twitchtriage.spark.SparkScreen}; API: {@link org.twitchtriage.spark.SparkScreening}.
 */
package org.twitchtriage.spark;
