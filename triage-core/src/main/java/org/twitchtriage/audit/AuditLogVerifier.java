package org.twitchtriage.audit;

import java.io.IOException;
import java.nio.file.Path;
import org.twitchtriage.validation.Limits;

/**
 * Checks a JSON Lines audit log written by {@link JsonLinesAuditSink}: every line is intact canonical JSON, its hash
 * matches its content, its sequence number and previous hash continue the chain, its MAC is the one the audit key
 * gives, and the log still holds the record its head file (and, when given, an exported {@link Checkpoint}) names.
 * The report names the first broken line. Streams the log in constant memory (one line at a time, each at most
 * {@link Limits#MAX_AUDIT_RECORD_BYTES}), and reads a consistent snapshot of a log that is being written: the head
 * file is read first and the writer appends before it replaces the head, so a live log always holds at least what its
 * head states; records after the head and a line still being written are not faults. Stateless.
 */
public final class AuditLogVerifier {
    private AuditLogVerifier() {
    }

    /** How much of a log's integrity could be checked. */
    public enum Format {
        /** Format 2 with the audit key: hashes, chain and MACs checked; forgery needs the key. */
        KEYED,
        /** Format 2 without the key: hashes and chain checked, MACs not; proves consistency, not authenticity. */
        KEYED_UNCHECKED,
        /** The older format 1: hash chain only; anyone who can write the log can rewrite it consistently. */
        UNKEYED_V1
    }

    /**
     * The result of a verification.
     *
     * @param valid      true when the whole log checks out
     * @param records    number of records that checked out before the first problem (all of them when valid)
     * @param brokenLine 1-based line of the first problem, or 0 when the problem is the log's end or a checkpoint
     * @param problem    what is wrong, in plain words; {@code null} when valid
     * @param format     how much could be checked
     * @param recoveries how many {@code RECOVERED} records the log holds (automatic recoveries after a crash)
     * @param note       something worth knowing about a valid log (a line being written), or {@code null}
     */
    public record Report(boolean valid, long records, long brokenLine, String problem, Format format,
                         long recoveries, String note) {
        /** A report without format details, as before format 2. */
        public Report(boolean valid, long records, long brokenLine, String problem) {
            this(valid, records, brokenLine, problem, Format.KEYED_UNCHECKED, 0, null);
        }

        @Override
        public String toString() {
            if (!valid) {
                return "BROKEN" + (brokenLine > 0 ? " at line " + brokenLine : "") + ": " + problem + " ("
                        + records + " records intact before it)";
            }
            String text = "valid: " + records + " records, " + switch (format) {
                case KEYED -> "authenticated with the audit key";
                case KEYED_UNCHECKED -> "NOT authenticated (no audit key given: hashes checked, MACs not)";
                case UNKEYED_V1 -> "older unkeyed format 1 (hash chain only: whoever can write the log could "
                        + "have rewritten it consistently)";
            };
            if (recoveries > 0) {
                text += "; " + recoveries + " automatic recovery record(s) (see the RECOVERED lines)";
            }
            return note == null ? text : text + "; " + note;
        }
    }

    /** Verifies without the key: hashes and chain only (see {@link Format#KEYED_UNCHECKED}). */
    public static Report verify(Path file) {
        return verify(file, null, null);
    }

    /**
     * @param file     the log
     * @param key      the audit secret, or {@code null} to check hashes only
     * @param exported a checkpoint exported earlier, or {@code null}
     * @return the report
     * @throws AuditException when the file cannot be read at all
     */
    public static Report verify(Path file, byte[] key, Checkpoint exported) {
        AuditKeys keys = key == null ? null : AuditKeys.of(key);
        Checkpoint head;
        try {
            head = Checkpoint.read(AuditLog.headOf(file));
        } catch (AuditException e) {
            return new Report(false, 0, 0, "the head file is damaged", Format.KEYED_UNCHECKED, 0, null);
        }
        ChainState chain = new ChainState(0, AuditLog.GENESIS, null);
        Mark atHead = new Mark(head);
        Mark atExport = new Mark(exported);
        String note = null;
        try (AuditLog.Source source = AuditLog.openForReading(file)) {
            LogLines lines = new LogLines(source.channel(), 0, source.channel().size(), 1);
            for (LogLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (!line.terminated()) {
                    note = "an unterminated last line of " + (line.end() - line.offset()) + " bytes after record "
                            + chain.records() + " (a write in progress, or cut off by a crash: the next open of the "
                            + "log moves it aside)";
                    break;
                }
                String problem = chain.accept(line.text(), keys);
                if (problem != null) {
                    return new Report(false, chain.records(), line.number(), problem, format(chain, head, keys),
                            chain.recoveries(), null);
                }
                atHead.see(chain, line.end());
                atExport.see(chain, line.end());
            }
        } catch (IOException e) {
            throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
        Format format = format(chain, head, keys);
        String problem = checkHead(head, chain, atHead, format, keys);
        if (problem == null && exported != null) {
            problem = checkExported(exported, chain, atExport, keys);
        }
        return new Report(problem == null, chain.records(), 0, problem, format, chain.recoveries(), note);
    }

    private static Format format(ChainState chain, Checkpoint head, AuditKeys keys) {
        boolean v1 = Boolean.FALSE.equals(chain.keyed()) || chain.keyed() == null && head != null && head.mac() == null;
        return v1 ? Format.UNKEYED_V1 : keys == null ? Format.KEYED_UNCHECKED : Format.KEYED;
    }

    private static String checkHead(Checkpoint head, ChainState chain, Mark at, Format format, AuditKeys keys) {
        if (head == null) {
            return chain.records() == 0 ? null : "the head file is missing, so removal of records at the end cannot "
                    + "be ruled out";
        }
        if (format == Format.UNKEYED_V1) {
            return head.records() == chain.records() && head.lastHash().equals(chain.lastHash()) ? null
                    : "the log ends after record " + chain.records() + " but its head file records " + head.records()
                    + " records ending in hash " + abbreviate(head.lastHash())
                    + ": records were removed from or added to the end";
        }
        if (head.mac() == null) {
            return "the head file has no MAC, but the log is keyed (the head file was replaced)";
        }
        if (keys != null && !head.authentic(keys)) {
            return "the head file's MAC does not match (it was rebuilt without the audit key)";
        }
        return atCheckpoint("its head file", head, chain, at);
    }

    private static String checkExported(Checkpoint exported, ChainState chain, Mark at, AuditKeys keys) {
        if (keys != null && exported.mac() != null && !exported.authentic(keys)) {
            return "the exported checkpoint's MAC does not match the audit key (it is not this log's)";
        }
        return atCheckpoint("the exported checkpoint", exported, chain, at);
    }

    private static String atCheckpoint(String what, Checkpoint cp, ChainState chain, Mark at) {
        if (chain.records() < cp.records()) {
            return "the log ends after record " + chain.records() + " but " + what + " records " + cp.records()
                    + " records: records were removed from the end";
        }
        if (!cp.lastHash().equals(at.hash) || cp.length() >= 0 && cp.length() != at.end) {
            return "record " + cp.records() + " is not the one " + what + " names (hash " + abbreviate(cp.lastHash())
                    + "): the log was rewritten";
        }
        return null;
    }

    /** The hash and end offset of the record a checkpoint names, once the reading has passed it. */
    private static final class Mark {
        private final long records;
        private String hash;
        private long end;

        Mark(Checkpoint cp) {
            this.records = cp == null ? -1 : cp.records();
            if (records == 0) {
                hash = AuditLog.GENESIS;
            }
        }

        void see(ChainState chain, long lineEnd) {
            if (chain.records() == records) {
                hash = chain.lastHash();
                end = lineEnd;
            }
        }
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "..." : hash;
    }
}
