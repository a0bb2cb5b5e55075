package org.twitchtriage.spark;

import org.apache.hadoop.mapred.lib.MultipleTextOutputFormat;

/**
 * Writes each output line into the folder its key names ({@code decisions}, {@code errors} or {@code summaries}),
 * one part file per partition, without the key: one pass over the records gives all three outputs, committed by
 * Spark's output committer (a retried task's lines are written once). Public only because Hadoop creates it by
 * reflection; not an API.
 */
public final class ScreenedOutputFormat extends MultipleTextOutputFormat<String, String> {
    /** Made by Hadoop. */
    public ScreenedOutputFormat() {
    }

    @Override
    protected String generateFileNameForKeyValue(String key, String value, String name) {
        return key + "/" + name;
    }

    @Override
    protected String generateActualKey(String key, String value) {
        return null;
    }
}
