package org.twitchtriage.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated small disk for the audit sink's tests: a {@link FileOpener} whose channels write only while bytes are
 * left in a shared budget, write what fits of a larger buffer, and then fail as a full disk does ("No space left on
 * device"). Used instead of a 64 KB tmpfs, which the test user cannot mount. Thread-safe.
 */
final class DiskBudget implements FileOpener {
    private final AtomicLong left;

    DiskBudget(long bytes) {
        this.left = new AtomicLong(bytes);
    }

    /** Frees space (or takes it away), as an operator deleting files would. */
    void set(long bytes) {
        left.set(bytes);
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        return new Limited(FileChannel.open(file, options));
    }

    private int take(ByteBuffer src) throws IOException {
        int want = src.remaining();
        long granted;
        long now;
        do {
            now = left.get();
            granted = Math.min(now, want);
        } while (!left.compareAndSet(now, now - granted));
        if (granted == 0 && want > 0) {
            throw new IOException("No space left on device");
        }
        return (int) granted;
    }

    /** A channel that writes through the budget; everything else goes to the real channel. */
    private final class Limited extends FileChannel {
        private final FileChannel real;

        Limited(FileChannel real) {
            this.real = real;
        }

        private int limited(ByteBuffer src, long position) throws IOException {
            int n = take(src);
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            int written = position < 0 ? real.write(part) : real.write(part, position);
            src.position(src.position() + written);
            return written;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return limited(src, -1);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return limited(src, position);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(srcs[i]);
            }
            return total;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
            int n = real.read(buffer, position);
            if (n <= 0) {
                return 0;
            }
            buffer.flip();
            return target.write(buffer);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new IOException("not used by the audit sink");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new IOException("not used by the audit sink");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
