package dev.beton.events.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An import started from the upload page. Updated by the importing thread, read by the page's
 * polling; fields are volatile and the rejected-lines list is synchronized.
 */
public final class UploadJob {

    static final int MAX_LISTED_REJECTIONS = 50;

    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    private final String id;
    private final long workspaceId;
    private final String fileName;
    private final long bytes;
    private final Instant startedAt;
    private volatile State state = State.RUNNING;
    private volatile long bytesDone;
    private volatile ImportSummary summary = ImportSummary.NONE;
    private volatile String failure;
    private final List<String> rejections = Collections.synchronizedList(new ArrayList<>());

    UploadJob(String id, long workspaceId, String fileName, long bytes, Instant startedAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.fileName = fileName;
        this.bytes = bytes;
        this.startedAt = startedAt;
    }

    public String id() {
        return id;
    }

    public long workspaceId() {
        return workspaceId;
    }

    public String fileName() {
        return fileName;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public State state() {
        return state;
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    /** The uploaded file's size in bytes. */
    long bytes() {
        return bytes;
    }

    /** Percent of the file's bytes read, 0 to 100. */
    public int percent() {
        return state == State.DONE ? 100 : (int) Math.min(100, bytesDone * 100 / Math.max(1, bytes));
    }

    public ImportSummary summary() {
        return summary;
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public List<String> rejections() {
        synchronized (rejections) {
            return List.copyOf(rejections);
        }
    }

    ImportListener listener() {
        return new ImportListener() {
            @Override
            public void progress(long done, ImportSummary soFar) {
                bytesDone = done;
                summary = soFar;
            }

            @Override
            public void rejected(java.nio.file.Path file, long line, String reason) {
                if (rejections.size() < MAX_LISTED_REJECTIONS) {
                    rejections.add("line " + line + ": " + reason);
                }
            }
        };
    }

    void finished(ImportSummary result) {
        summary = result;
        state = State.DONE;
    }

    void failed(String reason) {
        failure = reason;
        state = State.FAILED;
    }
}
