package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only JSON Lines audit log whose records are chained with a keyed MAC (format described in
 * {@link AuditLog}). A head file beside the log ({@code FILE.head}) holds a MAC'd {@link Checkpoint} of its end.
 *
 * <p><b>Crash consistency.</b> The log is the truth. A write puts the line at the end (with {@link Durability#FSYNC},
 * forced to the device) and then replaces the head file atomically; {@link #write} returns only after both. Opening
 * a log, and the first write after a failed one, recover automatically: records appended after the head's
 * checkpoint are taken over, and anything after the last valid record (a line cut off by a crash or a full disk) is
 * moved to a quarantine file {@code FILE.quarantine-N-MILLIS} and named in a {@code RECOVERED} record, never dropped
 * silently. Opening reads the last record and what follows the checkpoint, not the whole log.
 *
 * <p><b>One writer.</b> The sink holds an operating-system lock ({@link FileChannel#tryLock}) on the log itself, so
 * a second writer, in any process, is refused whatever happens to other files. On Linux such a lock is dropped when
 * any channel of this process to the file closes; that is why readers in this process ({@link AuditLogVerifier},
 * {@link AuditReplay}) read through the open sink's channel, and why a second open in this process is refused before
 * it touches the file.
 *
 * <p><b>Group commit.</b> Thread-safe. Concurrent writes are chained in the order they arrive and written in batches:
 * while one batch is being forced to the device, later records queue up, and the next writer to get the file writes
 * all of them with one write and one force; the head file is replaced after that, outside the file lock, so that
 * the next batch is written and forced meanwhile. Every {@link #write} still returns only once its own record (and
 * all before it) is durable as configured and the head file states an end at or after it; a batch that fails fails every record in it and every record
 * queued behind it (they are chained onto the failed ones), and the next write recovers first, as above.
 */
public final class JsonLinesAuditSink implements AuditSink {
    /** The previous hash of the first record. */
    public static final String GENESIS = AuditLog.GENESIS;

    /** How far a record is pushed before {@link #write} returns. */
    public enum Durability {
        /** Written to the operating system: survives a crash of the JVM. */
        FLUSH,
        /** Forced to the storage device: survives a crash of the machine. */
        FSYNC
    }

    private static final Map<Path, JsonLinesAuditSink> OPEN = new ConcurrentHashMap<>();

    private final Path file;
    private final Path openKey;
    private final Durability durability;
    private final AuditKeys keys;
    private final FileOpener opener;
    private final FileChannel channel;
    private final FileLock lock;
    /**
     * Held by the one thread writing a batch (and by recovery and close); taken before this object's monitor. Fair, so
     * that the writers of a forced batch pass before the next batch is started and go on to the head file.
     */
    private final ReentrantLock io = new ReentrantLock(true);
    private final HeadFile head;
    /** Durable state: records and hash of the log's end as written, and its length. */
    private long records;
    private String lastHash = GENESIS;
    private long end;
    /** Chain state including records queued but not yet written. */
    private long queuedRecords;
    private String queuedHash = GENESIS;
    private List<PendingLine> queue = new ArrayList<>();
    private long commits;
    private boolean needsRecovery = true;
    private boolean closed;

    private JsonLinesAuditSink(Path file, Path openKey, Durability durability, AuditKeys keys, FileOpener opener,
                               FileChannel channel, FileLock lock) {
        this.file = file;
        this.openKey = openKey;
        this.durability = durability;
        this.keys = keys;
        this.opener = opener;
        this.channel = channel;
        this.lock = lock;
        this.head = new HeadFile(file, opener, durability);
    }

    /**
     * Opens (or creates) a log for appending, recovering it first when it was left unfinished.
     *
     * @param key the audit secret (at least 32 bytes; the same as for pseudonyms): the chain key is derived from it
     * @throws AuditException when the file cannot be opened or recovered, when it is already open for writing (in
     *                        this or another process), when it is of the older unkeyed format, or when it was not
     *                        written with this key
     */
    public static JsonLinesAuditSink open(Path file, Durability durability, byte[] key) {
        return open(file, durability, AuditKeys.of(key), FileOpener.DEFAULT);
    }

    static JsonLinesAuditSink open(Path file, Durability durability, AuditKeys keys, FileOpener opener) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(durability, "durability");
        Path key = LogFiles.realPathOf(file, true);
        if (OPEN.putIfAbsent(key, PLACEHOLDER) != null) {
            throw new AuditException("audit log " + file + " is already open in this process");
        }
        FileChannel channel = null;
        try {
            channel = opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new AuditException("audit log " + file + " is in use by another process");
            }
            JsonLinesAuditSink sink = new JsonLinesAuditSink(file, key, durability, keys, opener, channel, lock);
            synchronized (sink) {
                sink.recover();
            }
            OPEN.put(key, sink);
            return sink;
        } catch (IOException | OverlappingFileLockException | AuditException e) {
            closeQuietly(channel);
            OPEN.remove(key);
            throw e instanceof AuditException a ? a
                    : new AuditException("cannot open audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Marks a log as being opened, so that a concurrent open in this process is refused. */
    private static final JsonLinesAuditSink PLACEHOLDER = new JsonLinesAuditSink(Path.of("."), Path.of("."),
            Durability.FLUSH, null, FileOpener.DEFAULT, null, null);

    /** @return the channel of a sink that has this log open in this process, or {@code null} */
    static FileChannel channelOfOpen(Path file) {
        Path key = LogFiles.realPathOf(file, false);
        JsonLinesAuditSink sink = key == null ? null : OPEN.get(key);
        return sink == null || sink == PLACEHOLDER ? null : sink.channel;
    }

    /** @return the head file that belongs to a log */
    public static Path headOf(Path file) {
        return AuditLog.headOf(file);
    }

    @Override
    public void write(AuditRecord record) {
        append(record.toJson(), "audit record");
    }

    /**
     * Appends a feedback record to the same chain as the decision records: it gets the next sequence number and
     * the previous line's hash, so {@link AuditLogVerifier} checks a log mixing both kinds of line as one.
     */
    @Override
    public void writeFeedback(FeedbackRecord record) {
        append(record.toJson(), "feedback record");
    }

    /** @return the checkpoint of the log's current end, for export to a place the writer cannot rewrite */
    public synchronized Checkpoint checkpoint() {
        return Checkpoint.signed(keys, records, lastHash, end);
    }

    /** @return how many batches have been written since the log was opened; for tests and measurements */
    synchronized long commits() {
        return commits;
    }

    private void append(ObjectNode line, String what) {
        PendingLine mine = enqueue(line, what);
        while (mine == null) {
            // an earlier write failed: recover (under the file lock, so no batch is being written) and retry
            io.lock();
            try {
                synchronized (this) {
                    if (needsRecovery && !closed) {
                        try {
                            recover();
                        } catch (IOException | RuntimeException e) {
                            throw new AuditException("audit log " + file + " refused the " + what + ": recovery "
                                    + "after an earlier failed write failed too (" + e.getMessage() + "); the next "
                                    + "write tries again", e);
                        }
                    }
                }
            } finally {
                io.unlock();
            }
            mine = enqueue(line, what);
        }
        io.lock();
        try {
            if (!mine.done) {
                commitQueue();
            }
        } finally {
            io.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        coverByHead(mine, what);
    }

    /**
     * Replaces the head file with the durable end unless it already covers the line. Outside {@link #io}: while one
     * batch's head is forced, the next batch is written and forced (two forces per batch, overlapped). A failure
     * refuses this write (its line is in the log; recovery takes it over) and makes the next write recover.
     */
    private void coverByHead(PendingLine mine, String what) {
        Checkpoint end;
        synchronized (this) {
            end = Checkpoint.signed(keys, records, lastHash, this.end);
        }
        try {
            head.cover(mine.sequence, end);
        } catch (IOException | RuntimeException failure) {
            synchronized (this) {
                needsRecovery = true;
                // queued lines are chained correctly, but recovery rereads the chain: they fail and are not written
                PendingLine.fail(queue, "audit log " + file);
                queue = new ArrayList<>();
            }
            throw new AuditException("cannot write the head file of " + file + " after the " + what + ": "
                    + failure.getMessage(), failure);
        }
    }

    /** Chains a line onto the queue; {@code null} when the log must recover first. */
    private synchronized PendingLine enqueue(ObjectNode line, String what) {
        if (closed) {
            throw new AuditException("audit log " + file + " refused the " + what + ": the sink is closed");
        }
        if (needsRecovery) {
            return null;
        }
        PendingLine p = PendingLine.chain(line, queuedRecords, queuedHash, keys, what);
        queuedRecords++;
        queuedHash = p.hash;
        queue.add(p);
        return p;
    }

    /** Writes every queued line as one batch; the caller holds {@link #io}. */
    private void commitQueue() {
        List<PendingLine> batch;
        synchronized (this) {
            batch = queue;
            queue = new ArrayList<>();
            if (batch.isEmpty()) {
                return;
            }
            if (closed) {
                PendingLine.fail(batch, new AuditException("audit log " + file + " refused the "
                        + batch.get(0).what + ": the sink is closed"));
                return;
            }
        }
        try {
            long at = writeLines(batch);
            PendingLine last = batch.get(batch.size() - 1);
            synchronized (this) {
                records += batch.size();
                lastHash = last.hash;
                end = at;
                commits++;
            }
            batch.forEach(p -> p.done = true);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                needsRecovery = true;
                // the queued lines are chained onto the failed ones: they fail too, and recovery starts afresh
                PendingLine.fail(queue, "audit log " + file);
                queue = new ArrayList<>();
            }
            for (PendingLine p : batch) {
                p.done = true;
                p.failure = new AuditException("cannot write the " + p.what + " to " + file + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** Writes lines at the end and forces them as configured; returns the new end. The head is written after. */
    private long writeLines(List<PendingLine> batch) throws IOException {
        int size = 0;
        for (PendingLine p : batch) {
            size += p.line.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        batch.forEach(p -> buffer.put(p.line));
        buffer.flip();
        long at = end;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        if (durability == Durability.FSYNC) {
            channel.force(false);
        }
        return at;
    }

    /** Writes one line directly (recovery records); the caller holds {@link #io} and the queue is empty. */
    private void appendLine(ObjectNode line, String what) {
        PendingLine p = PendingLine.chain(line, records, lastHash, keys, what);
        try {
            long at = writeLines(List.of(p));
            records++;
            lastHash = p.hash;
            end = at;
            queuedRecords = records;
            queuedHash = lastHash;
            head.write(Checkpoint.signed(keys, records, lastHash, end));
        } catch (IOException | RuntimeException e) {
            needsRecovery = true;
            throw new AuditException("cannot write the " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Finds the valid end, moves a damaged tail aside and records that; see the class comment. */
    private void recover() throws IOException {
        LogRecovery.Scan scan = LogRecovery.scan(file, channel, keys);
        records = scan.chain().records();
        lastHash = scan.chain().lastHash();
        end = scan.validEnd();
        queuedRecords = records;
        queuedHash = lastHash;
        ObjectNode recovered = null;
        if (scan.reason() != null) {
            recovered = CanonicalJson.MAPPER.createObjectNode().put("recordType", AuditLog.RECOVERED)
                    .put("time", Instant.now().toString()).put("reason", scan.reason());
            if (scan.size() > scan.validEnd()) {
                Path quarantine = LogFiles.moveAside(file, channel, opener, records + 1, scan.validEnd(), scan.size());
                recovered.put("quarantineFile", quarantine.getFileName().toString())
                        .put("quarantinedBytes", scan.size() - scan.validEnd());
            }
        }
        needsRecovery = false;
        if (recovered != null) {
            appendLine(recovered, "recovery record");
        } else if (!scan.headFresh()) {
            try {
                head.write(Checkpoint.signed(keys, records, lastHash, end));
            } catch (IOException e) {
                needsRecovery = true;
                throw e;
            }
        } else {
            head.found(records);
        }
    }

    /** Closes the log and releases its lock; later writes are refused. Closing again does nothing. */
    @Override
    public void close() {
        // after any batch being written; writers still queued are refused (see commitQueue)
        io.lock();
        try {
            closeUnderLock();
        } finally {
            io.unlock();
        }
    }

    private synchronized void closeUnderLock() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(openKey, this);
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel below releases the lock as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing useful to do: the log's content is already written
            }
        }
    }
}
