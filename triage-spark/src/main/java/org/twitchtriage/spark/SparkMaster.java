package org.twitchtriage.spark;

import org.apache.spark.SparkConf;
import picocli.CommandLine.Option;

/**
 * The {@code --master} option of the jobs' command lines and the Spark configuration it gives: that master, else the
 * one {@code spark-submit} gives, else {@code local[*]} (embedded, no set-up); no web UI in local mode. Mixed into
 * each command; one instance per run.
 */
final class SparkMaster {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Default: the one spark-submit gives, else local[*].")
    String master;

    /**
     * @param appName the application's name
     * @return the configuration
     */
    SparkConf conf(String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else {
            conf.setIfMissing("spark.master", "local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        return conf;
    }
}
