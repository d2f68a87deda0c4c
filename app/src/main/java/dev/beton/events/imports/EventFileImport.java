package dev.beton.events.imports;

import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.EventRejected;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.events.ingest.IngestResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports event files into a workspace through the same parser and commit path as capture. Bad
 * lines are reported and skipped; every valid line is kept (a batch refused at commit time is
 * retried event by event, so one bad event cannot take its neighbours down).
 */
@Service
public class EventFileImport {

    static final int BATCH = 10_000;

    private final EventIngestion ingestion;
    private final JsonMapper json;

    EventFileImport(EventIngestion ingestion, JsonMapper json) {
        this.ingestion = ingestion;
        this.json = json;
    }

    /** Imports the files in order. @throws IOException when a file cannot be read at all */
    public ImportSummary importFiles(long workspaceId, List<Path> files, ImportListener listener) throws IOException {
        ImportSummary total = ImportSummary.NONE;
        for (Path file : files) {
            listener.fileStarted(file, Files.size(file));
            try (EventSource source = open(file)) {
                total = new FileRun(workspaceId, file, source, listener, total).run();
            }
        }
        return total;
    }

    EventSource open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return new ParquetSource(file, json);
        }
        CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
        InputStream decoded = new BufferedInputStream(counted, 1 << 16);
        String base = name;
        if (name.endsWith(".gz")) {
            decoded = new GZIPInputStream(decoded, 1 << 16);
            base = name.substring(0, name.length() - 3);
        }
        if (base.endsWith(".csv")) {
            return new CsvSource(counted, decoded, json);
        }
        if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
            return new JsonLinesSource(counted, decoded, json);
        }
        decoded.close();
        throw new IOException("Cannot tell the format of " + file
                + ": name it .jsonl / .ndjson / .json (JSON Lines), .csv or .parquet (optionally .gz).");
    }

    /** One file: parse, batch, keep one commit in flight while the next batch is parsed. */
    private final class FileRun {
        private final long workspaceId;
        private final Path file;
        private final EventSource source;
        private final ImportListener listener;
        private ImportSummary counts;
        private List<IncomingEvent> batch = new ArrayList<>(BATCH);
        private List<Long> lines = new ArrayList<>(BATCH);
        private CompletableFuture<IngestResult> inFlight = CompletableFuture.completedFuture(new IngestResult(0, 0));
        private List<IncomingEvent> inFlightEvents = List.of();
        private List<Long> inFlightLines = List.of();

        FileRun(long workspaceId, Path file, EventSource source, ImportListener listener, ImportSummary before) {
            this.workspaceId = workspaceId;
            this.file = file;
            this.source = source;
            this.listener = listener;
            this.counts = before;
        }

        ImportSummary run() throws IOException {
            for (Optional<SourceLine> next = source.next(); next.isPresent(); next = source.next()) {
                accept(next.get());
                if (batch.size() >= BATCH) {
                    flush();
                    listener.progress(source.position(), counts);
                }
            }
            flush();
            settle();
            listener.progress(source.position(), counts);
            return counts;
        }

        private void accept(SourceLine line) {
            counts = counts.plus(new ImportSummary(1, 0, 0, 0));
            if (line.unreadable().isPresent()) {
                reject(line.line(), line.unreadable().get());
                return;
            }
            try {
                batch.add(parse(line.event().orElseThrow()));
                lines.add(line.line());
            } catch (EventRejected e) {
                reject(line.line(), e.getMessage());
            }
        }

        private IncomingEvent parse(JsonNode raw) {
            Instant now = ingestion.clock().instant();
            return ingestion.parser().parse(raw, now, Optional.empty(), EventParser.Source.IMPORT);
        }

        private void flush() {
            settle();
            if (!batch.isEmpty()) {
                inFlight = ingestion.submit(workspaceId, batch);
                inFlightEvents = batch;
                inFlightLines = lines;
                batch = new ArrayList<>(BATCH);
                lines = new ArrayList<>(BATCH);
            }
        }

        private void settle() {
            try {
                add(EventIngestion.await(inFlight));
            } catch (EventRejected refused) {
                oneByOne();
            }
            inFlight = CompletableFuture.completedFuture(new IngestResult(0, 0));
        }

        private void oneByOne() {
            for (int i = 0; i < inFlightEvents.size(); i++) {
                try {
                    add(ingestion.ingest(workspaceId, List.of(inFlightEvents.get(i))));
                } catch (EventRejected e) {
                    reject(inFlightLines.get(i), e.getMessage());
                }
            }
        }

        private void add(IngestResult result) {
            counts = counts.plus(new ImportSummary(0, result.stored(), result.duplicates(), 0));
        }

        private void reject(long line, String reason) {
            counts = counts.plus(new ImportSummary(0, 0, 0, 1));
            listener.rejected(file, line, reason);
        }
    }
}
