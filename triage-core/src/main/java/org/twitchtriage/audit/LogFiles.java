package org.twitchtriage.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file operations of {@link JsonLinesAuditSink} besides appending: replacing the head file atomically and moving
 * a damaged tail aside into a quarantine file. Stateless; the sink serializes the calls.
 */
final class LogFiles {
    private LogFiles() {
    }

    /** Copies the tail to a new quarantine file, forces it, then cuts it off the log; returns the file. */
    static Path moveAside(Path file, FileChannel channel, FileOpener opener, long nextSequence, long from, long to)
            throws IOException {
        String base = file.getFileName() + ".quarantine-" + nextSequence + "-" + System.currentTimeMillis();
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

    static void writeHead(Path file, FileOpener opener, JsonLinesAuditSink.Durability durability, Checkpoint head)
            throws IOException {
        Path target = AuditLog.headOf(file);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel out = opener.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(head.toJson().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (durability == JsonLinesAuditSink.Durability.FSYNC) {
                // otherwise a crash can leave the renamed head file empty
                out.force(true);
            }
        }
        boolean replacing = Files.exists(target);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        // The first head must be durable: a log without one is recovered as damaged. Replacing a head needs no
        // forced directory: after a crash the rename is either kept or lost, and either head (both forced before
        // their rename) is a checkpoint at or before the log's durable end, which opening takes over from. This
        // saves one of three forces per batch of records (group commit).
        if (durability == JsonLinesAuditSink.Durability.FSYNC && !replacing) {
            forceDirectory(target.toAbsolutePath().getParent());
        }
    }

    /** Makes a rename durable where the platform allows forcing a directory (Linux, macOS); elsewhere a no-op. */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not supported on this platform (Windows): the rename is as durable as the file system makes it
        }
    }

    /** @return the log's path with its folder resolved to its real path (made first when {@code create}), or null */
    static Path realPathOf(Path file, boolean create) {
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
}
