package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An append-only JSON Lines audit log with a hash chain. Each line is one {@link AuditRecord} in canonical JSON plus
 * {@code sequence} (1, 2, ...), {@code previousHash} (the previous line's hash; 64 zeros for the first) and
 * {@code hash} (SHA-256 of the canonical line without {@code hash}). A small head file beside the log
 * ({@code FILE.head}) holds the record count and the last hash, so that lines removed from the end are detected too.
 * {@link AuditLogVerifier} checks both.
 *
 * <p>Thread-safe: writes are serialized, so lines never interleave. One writer at a time: while open, the sink
 * holds an exclusive lock on a third file beside the log ({@code FILE.lock}, left in place on close), and a second
 * open of the same log, from this or another process, is refused. A write is flushed to the operating system (or,
 * with {@link Durability#FSYNC}, to the disk, head file included) before {@link #write} returns. After a failed
 * write the sink refuses further writes, because the end of the log is then in an unknown state.
 */
public final class JsonLinesAuditSink implements AuditSink {
    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    /** How far a record is pushed before {@link #write} returns. */
    public enum Durability {
        /** Written to the operating system: survives a crash of the JVM. */
        FLUSH,
        /** Forced to the storage device: survives a crash of the machine. */
        FSYNC
    }

    /**
     * The logs open in this JVM. The lock is a POSIX record lock on Linux and similar systems, and closing any
     * channel to a file, even one whose own lock attempt failed, drops every lock this process holds on that file.
     * That is why the lock sits on a file of its own (reading the log itself, to verify it or to find its end, would
     * release a lock on the log), and why a second open in this process is refused here, before it touches the lock
     * file.
     */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path head;
    private final Path openKey;
    private final Durability durability;
    private final FileChannel channel;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private long sequence;
    private String lastHash;
    private boolean broken;
    private boolean closed;

    private JsonLinesAuditSink(Path file, Path openKey, Durability durability, FileChannel channel,
                               FileChannel lockChannel, FileLock lock, long sequence, String lastHash) {
        this.file = file;
        this.head = headOf(file);
        this.openKey = openKey;
        this.durability = durability;
        this.channel = channel;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.sequence = sequence;
        this.lastHash = lastHash;
    }

    /**
     * Opens (or creates) a log for appending, continuing its hash chain.
     *
     * @throws AuditException when the file cannot be opened, when it is already open for writing (in this or another
     *                        process), or when its end does not match its head file
     *                        (a truncated or edited log is never appended to: run {@code audit verify} first)
     */
    public static JsonLinesAuditSink open(Path file, Durability durability) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(durability, "durability");
        Path key;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            key = parent.toRealPath().resolve(file.getFileName().toString());
        } catch (IOException e) {
            throw new AuditException("cannot open audit log " + file + ": " + e.getMessage(), e);
        }
        if (!OPEN.add(key)) {
            throw new AuditException("audit log " + file + " is already open in this process");
        }
        FileChannel lockChannel = null;
        FileChannel channel = null;
        try {
            lockChannel = FileChannel.open(lockOf(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new AuditException("audit log " + file + " is in use by another process");
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            AuditLogVerifier.Head state = AuditLogVerifier.readEnd(file);
            return new JsonLinesAuditSink(file, key, durability, channel, lockChannel, lock, state.records(),
                    state.lastHash());
        } catch (IOException | OverlappingFileLockException | AuditException e) {
            closeQuietly(channel);
            closeQuietly(lockChannel);
            OPEN.remove(key);
            throw e instanceof AuditException a ? a
                    : new AuditException("cannot open audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the head file that belongs to a log */
    public static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    /** @return the lock file that belongs to a log; it holds nothing and may be deleted while no sink is open */
    public static Path lockOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    @Override
    public void write(AuditRecord record) {
        append(record.toJson(), "audit record " + record.decisionId());
    }

    /**
     * Appends a feedback record to the same chain as the decision records: it gets the next sequence number and
     * the previous line's hash, so {@link AuditLogVerifier} checks a log mixing both kinds of line as one.
     */
    @Override
    public void writeFeedback(FeedbackRecord record) {
        append(record.toJson(), "feedback record " + record.feedbackId());
    }

    /** Appends one line to the chain; every kind of record goes through here. */
    private synchronized void append(ObjectNode line, String what) {
        if (closed) {
            throw new AuditException("audit log " + file + " refused the " + what + ": the sink is closed");
        }
        if (broken) {
            throw new AuditException("audit log " + file + " refused the " + what + ": an earlier write failed");
        }
        line.put("sequence", sequence + 1);
        line.put("previousHash", lastHash);
        String hash = hashOf(line);
        line.put("hash", hash);
        byte[] bytes = (CanonicalJson.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durability == Durability.FSYNC) {
                channel.force(false);
            }
            writeHead(sequence + 1, hash);
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw new AuditException("cannot write " + what + " to " + file + ": " + e.getMessage(), e);
        }
        sequence++;
        lastHash = hash;
    }

    /** @return the hash a line must carry: SHA-256 of its canonical form without the {@code hash} field */
    static String hashOf(JsonNode line) {
        ObjectNode copy = ((ObjectNode) line).deepCopy();
        copy.remove("hash");
        return CanonicalJson.sha256(copy);
    }

    private void writeHead(long records, String hash) throws IOException {
        ObjectNode h = CanonicalJson.MAPPER.createObjectNode().put("records", records).put("lastHash", hash);
        Path tmp = head.resolveSibling(head.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap((CanonicalJson.write(h) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (durability == Durability.FSYNC) {
                // otherwise a crash can leave the renamed head file empty, and the intact log then looks tampered
                out.force(true);
            }
        }
        try {
            Files.move(tmp, head, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, head, StandardCopyOption.REPLACE_EXISTING);
        }
        if (durability == Durability.FSYNC) {
            forceDirectory(head.toAbsolutePath().getParent());
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
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the lock channel below releases the lock as well
        }
        closeQuietly(channel);
        closeQuietly(lockChannel);
        OPEN.remove(openKey);
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
