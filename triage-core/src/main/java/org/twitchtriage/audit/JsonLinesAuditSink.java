package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.twitchtriage.validation.Limits;

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
 * it touches the file. Thread-safe: writes are serialized.
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
    private long records;
    private String lastHash = GENESIS;
    private long end;
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
        Path key = keyOf(file, true);
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
        Path key = keyOf(file, false);
        JsonLinesAuditSink sink = key == null ? null : OPEN.get(key);
        return sink == null || sink == PLACEHOLDER ? null : sink.channel;
    }

    private static Path keyOf(Path file, boolean create) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (create) {
                Files.createDirectories(parent);
            } else if (!Files.isDirectory(parent)) {
                return null;
            }
            return parent.toRealPath().resolve(file.getFileName().toString());
        } catch (IOException e) {
            if (!create) {
                return null;
            }
            throw new AuditException("cannot open audit log " + file + ": " + e.getMessage(), e);
        }
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

    private synchronized void append(ObjectNode line, String what) {
        if (closed) {
            throw new AuditException("audit log " + file + " refused the " + what + ": the sink is closed");
        }
        if (needsRecovery) {
            try {
                recover();
            } catch (IOException | RuntimeException e) {
                throw new AuditException("audit log " + file + " refused the " + what + ": recovery after an "
                        + "earlier failed write failed too (" + e.getMessage() + "); the next write tries again", e);
            }
        }
        appendLine(line, what);
    }

    /** Writes one line at the end, then the head; on failure the next write recovers first. */
    private void appendLine(ObjectNode line, String what) {
        line.put("sequence", records + 1);
        line.put("previousHash", lastHash);
        String hash = AuditLog.hashOf(line);
        line.put("hash", hash);
        line.put("mac", AuditLog.macOf(keys, hash));
        byte[] bytes = CanonicalJson.write(line).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Limits.MAX_AUDIT_RECORD_BYTES) {
            throw new AuditRecordTooLargeException(bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) '\n').flip();
        try {
            long at = end;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            if (durability == Durability.FSYNC) {
                channel.force(false);
            }
            writeHead(Checkpoint.signed(keys, records + 1, hash, at));
            records++;
            lastHash = hash;
            end = at;
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
        ObjectNode recovered = null;
        if (scan.reason() != null) {
            recovered = CanonicalJson.MAPPER.createObjectNode().put("recordType", AuditLog.RECOVERED)
                    .put("time", Instant.now().toString()).put("reason", scan.reason());
            if (scan.size() > scan.validEnd()) {
                Path quarantine = moveAside(scan.validEnd(), scan.size());
                recovered.put("quarantineFile", quarantine.getFileName().toString())
                        .put("quarantinedBytes", scan.size() - scan.validEnd());
            }
        }
        needsRecovery = false;
        if (recovered != null) {
            appendLine(recovered, "recovery record");
        } else if (!scan.headFresh()) {
            try {
                writeHead(Checkpoint.signed(keys, records, lastHash, end));
            } catch (IOException e) {
                needsRecovery = true;
                throw e;
            }
        }
    }

    /** Copies the tail to a new quarantine file, forces it, then cuts it off the log; returns the file. */
    private Path moveAside(long from, long to) throws IOException {
        String base = file.getFileName() + ".quarantine-" + (records + 1) + "-" + System.currentTimeMillis();
        Path quarantine = file.resolveSibling(base);
        for (int n = 2; Files.exists(quarantine); n++) {
            quarantine = file.resolveSibling(base + "-" + n);
        }
        try (FileChannel out = opener.open(quarantine, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (from + done < to) {
                long n = channel.transferTo(from + done, to - from - done, out);
                if (n <= 0) {
                    throw new IOException("the log shrank while its damaged tail was being moved aside");
                }
                done += n;
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            // an incomplete copy is no quarantine: the tail stays in the log until a later attempt succeeds
            Files.deleteIfExists(quarantine);
            throw e;
        }
        forceDirectory(file.toAbsolutePath().getParent());
        channel.truncate(from);
        channel.force(true);
        return quarantine;
    }

    private void writeHead(Checkpoint head) throws IOException {
        Path target = AuditLog.headOf(file);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel out = opener.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(head.toJson().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (durability == Durability.FSYNC) {
                // otherwise a crash can leave the renamed head file empty
                out.force(true);
            }
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (durability == Durability.FSYNC) {
            forceDirectory(target.toAbsolutePath().getParent());
        }
    }

    /** Makes a rename durable where the platform allows forcing a directory (Linux, macOS); elsewhere a no-op. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not supported on this platform (Windows): the rename is as durable as the file system makes it
        }
    }

    /** Closes the log and releases its lock; later writes are refused. Closing again does nothing. */
    @Override
    public synchronized void close() {
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
