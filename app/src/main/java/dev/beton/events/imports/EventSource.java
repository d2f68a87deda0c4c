package dev.beton.events.imports;

import java.io.IOException;
import java.util.Optional;

/** Streams the events of one file, one at a time, so memory stays flat whatever its size. */
interface EventSource extends AutoCloseable {

    /** The next line, or empty at the end of the file. */
    Optional<SourceLine> next() throws IOException;

    /** Bytes of the file consumed so far (for progress); may lag behind for compressed files. */
    long position();

    @Override
    void close() throws IOException;
}
