package org.twitchtriage.batch;

import java.io.Closeable;
import java.io.IOException;

/**
 * The records of one input, read in a fixed order so that a resumed run sees the same record at the same sequence
 * number. Single-threaded: one reader, one caller.
 */
public interface RecordSource extends Closeable {
    /**
     * @return the next record, or {@code null} at the end
     * @throws IOException when the input cannot be read
     */
    InputRecord next() throws IOException;

    /** @return how many records there are, or -1 when not known before the end (for progress display) */
    long total();

}
