package org.twitchtriage.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How {@link JsonLinesAuditSink} opens the files it writes. The default is {@link FileChannel#open}; tests put a
 * channel in between that fails writes as a full disk does.
 */
@FunctionalInterface
interface FileOpener {
    /** The platform's own channels. */
    FileOpener DEFAULT = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
