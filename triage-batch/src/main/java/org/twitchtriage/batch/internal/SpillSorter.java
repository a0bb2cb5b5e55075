package org.twitchtriage.batch.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An external merge sort of keyed lines in bounded memory: entries are collected up to a byte budget, sorted and
 * spilled to a run file; at the end the runs are merged (in several passes when there are more than
 * {@link #MAX_FAN_IN}), so memory holds one budget's worth of entries while adding, and one buffered entry per run
 * while merging. Order: key, then file index, then line number; so equal inputs give equal output whatever the
 * budget. Temporary files are deleted on {@link #close()}. Not thread-safe.
 */
public final class SpillSorter implements Closeable {
    /** The most runs merged at once: bounds open files and merge buffers. */
    public static final int MAX_FAN_IN = 64;

    /**
     * One keyed line.
     *
     * @param key  the sort key (a patient id)
     * @param file the index of the file it came from
     * @param line its line number there
     * @param text the line
     */
    public record Entry(String key, int file, long line, String text) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::key)
            .thenComparingInt(Entry::file).thenComparingLong(Entry::line);

    private final Path folder;
    private final long budgetBytes;
    private final List<Entry> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long buffered;
    private int runNumber;

    /**
     * @param folder      where run files go (a temporary folder of the caller)
     * @param budgetBytes roughly how much memory the buffered entries may take
     */
    public SpillSorter(Path folder, long budgetBytes) {
        this.folder = folder;
        this.budgetBytes = budgetBytes;
    }

    /** Adds an entry; spills when the budget is reached. */
    public void add(Entry e) throws IOException {
        buffer.add(e);
        buffered += 64 + 2L * (e.key().length() + e.text().length());
        if (buffered >= budgetBytes) {
            spill();
        }
    }

    /** @return how many run files were written so far */
    public int runs() {
        return runs.size();
    }

    /**
     * Ends adding and returns the entries in order. Call once.
     *
     * @return a reader of all entries, sorted
     */
    public Merged sorted() throws IOException {
        if (runs.isEmpty()) {
            buffer.sort(ORDER);
            List<Entry> all = new ArrayList<>(buffer);
            buffer.clear();
            return new Merged(List.of(), all);
        }
        spill();
        while (runs.size() > MAX_FAN_IN) {
            List<Path> group = new ArrayList<>(runs.subList(0, MAX_FAN_IN));
            runs.subList(0, MAX_FAN_IN).clear();
            Path merged = nextRun();
            try (Merged m = new Merged(group, List.of()); DataOutputStream out = open(merged)) {
                for (Entry e = m.next(); e != null; e = m.next()) {
                    write(out, e);
                }
            }
            for (Path p : group) {
                Files.deleteIfExists(p);
            }
            runs.add(merged);
        }
        return new Merged(runs, List.of());
    }

    private void spill() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        buffer.sort(ORDER);
        Path run = nextRun();
        try (DataOutputStream out = open(run)) {
            for (Entry e : buffer) {
                write(out, e);
            }
        }
        runs.add(run);
        buffer.clear();
        buffered = 0;
    }

    private Path nextRun() {
        return folder.resolve("run-" + (runNumber++) + ".bin");
    }

    private static DataOutputStream open(Path p) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), 1 << 16));
    }

    private static void write(DataOutputStream out, Entry e) throws IOException {
        bytes(out, e.key());
        out.writeInt(e.file());
        out.writeLong(e.line());
        bytes(out, e.text());
    }

    private static void bytes(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String bytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Entries in order, merged from the runs (or from memory when nothing was spilled). Not thread-safe. */
    public static final class Merged implements Closeable {
        private final List<DataInputStream> inputs = new ArrayList<>();
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.entry, b.entry));
        private final List<Entry> memory;
        private int memoryIndex;

        private record Head(Entry entry, DataInputStream in) {
        }

        Merged(List<Path> runs, List<Entry> memory) throws IOException {
            this.memory = memory;
            for (Path run : runs) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
                inputs.add(in);
                Entry first = read(in);
                if (first != null) {
                    heads.add(new Head(first, in));
                }
            }
        }

        /** @return the next entry, or {@code null} at the end */
        public Entry next() throws IOException {
            if (inputs.isEmpty()) {
                return memoryIndex < memory.size() ? memory.get(memoryIndex++) : null;
            }
            Head head = heads.poll();
            if (head == null) {
                return null;
            }
            Entry following = read(head.in);
            if (following != null) {
                heads.add(new Head(following, head.in));
            }
            return head.entry;
        }

        private static Entry read(DataInputStream in) throws IOException {
            String key;
            try {
                key = bytes(in);
            } catch (EOFException end) {
                return null;
            }
            return new Entry(key, in.readInt(), in.readLong(), bytes(in));
        }

        @Override
        public void close() throws IOException {
            for (DataInputStream in : inputs) {
                in.close();
            }
        }
    }

    /** Deletes the run files. */
    @Override
    public void close() {
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete a temporary run file", e);
            }
        }
        runs.clear();
        buffer.clear();
    }
}
