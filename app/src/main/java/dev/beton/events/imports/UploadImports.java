package dev.beton.events.imports;

import dev.beton.boot.BetonProperties;
import dev.beton.jobs.JobRuns;
import dev.beton.jobs.RunningJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports of uploaded files, run in the background of the running server through the same
 * {@link EventFileImport} as the CLI. The upload is first saved under {@code <data-dir>/imports}
 * (so the format is recognised by its name and memory stays flat) and deleted afterwards.
 */
@Service
public class UploadImports {

    private static final Logger log = LoggerFactory.getLogger(UploadImports.class);

    private final EventFileImport importer;
    private final Path directory;
    private final Clock clock;
    private final JobRuns jobRuns;
    private final Map<String, UploadJob> jobs = new ConcurrentHashMap<>();

    UploadImports(EventFileImport importer, BetonProperties properties, Clock clock, JobRuns jobRuns) {
        this.importer = importer;
        this.directory = properties.dataDir().resolve("imports");
        this.clock = clock;
        this.jobRuns = jobRuns;
    }

    /** Saves the upload and starts importing it. @throws IOException when it cannot be saved */
    public UploadJob start(long workspaceId, String originalName, InputStream content) throws IOException {
        String id = UUID.randomUUID().toString();
        // The name is the browser's, so anything: only its last segment, and only harmless characters
        // (a NUL inside made Path.of throw, a 500).
        String safeName = (originalName == null || originalName.isBlank() ? "upload.jsonl" : originalName)
                .replaceAll(".*[/\\\\]", "")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        if (safeName.isEmpty() || safeName.chars().allMatch(c -> c == '.')) {
            safeName = "upload.jsonl";
        }
        Files.createDirectories(directory);
        Path file = directory.resolve(id + "-" + safeName);
        Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        UploadJob job = new UploadJob(id, workspaceId, safeName, Files.size(file), clock.instant());
        jobs.put(id, job);
        Thread.ofVirtual().name("import-" + id).start(() -> run(job, file));
        return job;
    }

    public Optional<UploadJob> job(long workspaceId, String id) {
        return Optional.ofNullable(jobs.get(id)).filter(job -> job.workspaceId() == workspaceId);
    }

    /**
     * Also recorded in the job history ({@code job_runs}, type {@code import}) with its progress in
     * bytes, so the Jobs page lists imports as its subtitle says, not only detection runs.
     */
    private void run(UploadJob job, Path file) {
        try (RunningJob record =
                jobRuns.start(Optional.of(job.workspaceId()), "import", OptionalLong.of(job.bytes()))) {
            try {
                ImportSummary summary =
                        importer.importFiles(job.workspaceId(), List.of(file), recorded(job.listener(), record));
                job.finished(summary);
                record.succeeded(job.fileName() + ": " + summary.read() + " read, " + summary.stored() + " stored, "
                        + summary.duplicates() + " duplicates, " + summary.rejected() + " rejected");
            } catch (IOException | RuntimeException e) {
                log.warn("Import of {} failed: {}", job.fileName(), e.getMessage());
                job.failed(e.getMessage());
                record.failed(job.fileName() + ": " + e.getMessage());
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("The uploaded file {} could not be deleted: {}", file, e.getMessage());
            }
        }
    }

    /** The page's listener, plus the job record's progress at most once a second (a row update each). */
    private ImportListener recorded(ImportListener page, RunningJob record) {
        return new ImportListener() {
            private Instant lastWrite = Instant.EPOCH;

            @Override
            public void fileStarted(Path f, long bytes) {
                page.fileStarted(f, bytes);
            }

            @Override
            public void progress(long bytesDone, ImportSummary soFar) {
                page.progress(bytesDone, soFar);
                Instant now = clock.instant();
                if (Duration.between(lastWrite, now).toMillis() >= 1000) {
                    lastWrite = now;
                    record.progress(bytesDone);
                }
            }

            @Override
            public void rejected(Path f, long line, String reason) {
                page.rejected(f, line, reason);
            }
        };
    }
}
