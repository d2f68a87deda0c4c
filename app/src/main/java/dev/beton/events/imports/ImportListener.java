package dev.beton.events.imports;

import java.nio.file.Path;

/** Hears how an import goes: for the CLI's progress bar and the upload page. */
public interface ImportListener {

    /** A file starts; {@code bytes} is its size on disk. */
    default void fileStarted(Path file, long bytes) {}

    /**
     * @param bytesDone bytes of the current file consumed
     * @param soFar counts over all files so far
     */
    default void progress(long bytesDone, ImportSummary soFar) {}

    /** A line was skipped: it is not an acceptable event. */
    default void rejected(Path file, long line, String reason) {}

    ImportListener SILENT = new ImportListener() {};
}
