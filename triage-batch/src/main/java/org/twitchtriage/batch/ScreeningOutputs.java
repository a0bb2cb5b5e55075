package org.twitchtriage.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The two output files, appended through channels whose lengths are the checkpoint's byte counts. */
final class ScreeningOutputs implements AutoCloseable {
    private final Path folder;
    private final FileChannel decisions;
    private final FileChannel errors;
    private final OutputStream decisionsOut;
    private final OutputStream errorsOut;
    private long decisionsBytes;
    private long errorsBytes;

    ScreeningOutputs(Path folder, ScreeningCheckpoint cp) throws IOException {
        this.folder = folder;
        decisions = FileChannel.open(folder.resolve(Screening.DECISIONS), StandardOpenOption.WRITE);
        errors = FileChannel.open(folder.resolve(Screening.ERRORS), StandardOpenOption.WRITE);
        // anything after the checkpoint was written by a run that did not reach its next checkpoint
        decisions.truncate(cp.decisionsBytes()).position(cp.decisionsBytes());
        errors.truncate(cp.errorsBytes()).position(cp.errorsBytes());
        decisionsBytes = cp.decisionsBytes();
        errorsBytes = cp.errorsBytes();
        decisionsOut = new BufferedOutputStream(Channels.newOutputStream(decisions), 1 << 16);
        errorsOut = new BufferedOutputStream(Channels.newOutputStream(errors), 1 << 16);
    }

    void write(RecordOutcome outcome) throws IOException {
        byte[] line = (outcome.lineText() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        if (outcome.isDecided()) {
            decisionsOut.write(line);
            decisionsBytes += line.length;
        } else {
            errorsOut.write(line);
            errorsBytes += line.length;
        }
    }

    void checkpoint(ScreeningCheckpoint cp, long done, ScreeningSummary summary, boolean complete)
            throws IOException {
        decisionsOut.flush();
        errorsOut.flush();
        decisions.force(false);
        errors.force(false);
        new ScreeningCheckpoint(cp.runId(), cp.input(), cp.evaluationDate(), cp.rulesSha256(), done,
                decisionsBytes, errorsBytes, complete, summary.toJson()).write(folder);
    }

    @Override
    public void close() throws IOException {
        decisionsOut.close();
        errorsOut.close();
    }
}

