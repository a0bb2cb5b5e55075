/**
 * Population screening and audit log replay as Apache Spark jobs. Screening: the inputs of {@code twitch-triage
 * screen} (a FHIR Bulk Data export folder, a JSON Lines file of cases), grouped by patient with Spark, decided on the
 * executors with one knowledge base per executor JVM, written in the format and order of {@code screen}. Replay: the
 * audit log verified in the driver as {@code twitch-triage replay} verifies it, its records re-decided on the
 * executors, the report of {@code replay}. The records are made, decided, re-decided and counted by
 * {@code triage-batch}'s own classes, so both kinds of command decide the same way. Entry points: {@link org.twitchtriage.spark.SparkScreen},
 * {@link org.twitchtriage.spark.SparkReplayCommand}; API: {@link org.twitchtriage.spark.SparkScreening},
 * {@link org.twitchtriage.spark.SparkReplay}.
 */
package org.twitchtriage.spark;
