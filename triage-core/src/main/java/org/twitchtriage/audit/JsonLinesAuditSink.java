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

/**
 * An append-only JSON Lines audit log with a hash chain. Each line is one {@link AuditRecord} in canonical JSON plus
 * {@code sequence} (1, 2, ...), {@code previousHash} (the previous line's hash; 64 zeros for the first) and
 * {@code hash} (SHA-256 of the canonical line without {@code hash}). A small head file beside the log
 * ({@code FILE.head}) holds the record count and the last hash, so that lines removed from the end are detected too.
 * {@link AuditLogVerifier} checks both.
 *
 * <p>Thread-safe: writes are serialized, so lines never interleave. One process at a time: the sink holds an
 * exclusive lock on the log while open. A write is flushed to the operating system (or, with
 * {@link Durability#FSYNC}, to the disk) before {@link #write} returns. After a failed write the sink refuses
 * further writes, because the end of the log is then in an unknown state.
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

    private final Path file;
    private final Path head;
    private final Durability durability;
    private final FileChannel channel;
    private final FileLock lock;
    private long sequence;
    private String lastHash;
    private boolean broken;

    private JsonLinesAuditSink(Path file, Durability durability, FileChannel channel, FileLock lock, long sequence,
                               String lastHash) {
        this.file = file;
        this.head = headOf(file);
        this.durability = durability;
        this.channel = channel;
        this.lock = lock;
        this.sequence = sequence;
        this.lastHash = lastHash;
    }

    /**
     * Opens (or creates) a log for appending, continuing its hash chain.
     *
     * @throws AuditException when the file cannot be opened or locked, or when its end does not match its head file
     *                        (a truncated or edited log is never appended to: run {@code audit verify} first)
     */
    public static JsonLinesAuditSink open(Path file, Durability durability) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(durability, "durability");
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new AuditException("audit log " + file + " is in use by another process");
            }
            AuditLogVerifier.Head state = AuditLogVerifier.readEnd(file);
            return new JsonLinesAuditSink(file, durability, channel, lock, state.records(), state.lastHash());
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new AuditException("cannot open audit log " + file + ": " + e.getMessage(), e);
        } catch (AuditException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** @return the head file that belongs to a log */
    public static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    @Override
    public synchronized void write(AuditRecord record) {
        if (broken) {
            throw new AuditException("audit log " + file + " refused the record: an earlier write failed");
        }
        ObjectNode line = record.toJson();
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
            throw new AuditException("cannot write audit record " + record.decisionId() + " to " + file + ": "
                    + e.getMessage(), e);
        }
        sequence++;
        lastHash = hash;
    }

    /**
     * Appends a feedback record to the same chain as the decision records: it gets the next sequence number and
     * the previous line's hash, so {@link AuditLogVerifier} checks a log mixing both kinds of line as one.
     */
    @Override
    public void writeFeedback(FeedbackRecord record) {
        append(record.toJson(), "feedback record " + record.feedbackId());
    }

    private synchronized void append(ObjectNode line, String what) {
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
        Files.writeString(tmp, CanonicalJson.write(h) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, head, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, head, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // the channel close below releases the lock as well
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
