package org.twitchtriage.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The head file of one {@link JsonLinesAuditSink}, replaced under a lock of its own so that the sink can force the
 * next batch of lines while the head of the previous batch is written (group commit with the two forces of a batch
 * overlapped). Remembers which end it last stated, so a writer whose record is already covered writes nothing, and a
 * stale end never replaces a newer one. Never takes the sink's monitor: the sink may call it while holding it.
 * Thread-safe.
 */
final class HeadFile {
    private final Path log;
    private final FileOpener opener;
    private final JsonLinesAuditSink.Durability durability;
    private final ReentrantLock lock = new ReentrantLock();
    /** The number of records the head file states, as written or found by this sink; -1 when not known. */
    private long records = -1;

    HeadFile(Path log, FileOpener opener, JsonLinesAuditSink.Durability durability) {
        this.log = log;
        this.opener = opener;
        this.durability = durability;
    }

    /** Replaces the head with this end whatever it stated (recovery). */
    void write(Checkpoint end) throws IOException {
        lock.lock();
        try {
            LogFiles.writeHead(log, opener, durability, end);
            records = end.records();
        } finally {
            lock.unlock();
        }
    }

    /** Notes that the head file already states this many records (found fresh on opening). */
    void found(long stated) {
        lock.lock();
        try {
            records = stated;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the head state at least {@code sequence} records: nothing when it does already, otherwise replaces it
     * with {@code end}, a durable end of the log that holds that record.
     */
    void cover(long sequence, Checkpoint end) throws IOException {
        lock.lock();
        try {
            if (records >= sequence || records >= end.records()) {
                return;
            }
            LogFiles.writeHead(log, opener, durability, end);
            records = end.records();
        } finally {
            lock.unlock();
        }
    }
}
