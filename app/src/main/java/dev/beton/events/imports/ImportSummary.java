package dev.beton.events.imports;

/**
 * What an import did.
 *
 * @param read lines (records, rows) read
 * @param stored events newly stored
 * @param duplicates valid events skipped because their uuid was already stored
 * @param rejected lines that are not acceptable events (each reported with file and line)
 */
public record ImportSummary(long read, long stored, long duplicates, long rejected) {

    public static final ImportSummary NONE = new ImportSummary(0, 0, 0, 0);

    ImportSummary plus(ImportSummary other) {
        return new ImportSummary(
                read + other.read, stored + other.stored, duplicates + other.duplicates, rejected + other.rejected);
    }
}
