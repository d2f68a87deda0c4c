package dev.beton.events.ingest;

/**
 * What became of the events of one request once committed.
 *
 * @param stored events newly written
 * @param duplicates events skipped because an event with the same uuid was already stored
 */
public record IngestResult(int stored, int duplicates) {

    public IngestResult plus(IngestResult other) {
        return new IngestResult(stored + other.stored, duplicates + other.duplicates);
    }
}
