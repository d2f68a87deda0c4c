package dev.beton.events.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSV with PostHog's events columns: {@code uuid, event, distinct_id, timestamp, properties}
 * (a JSON object) and optionally flattened {@code properties.<name>} columns; other columns such
 * as {@code person_id} or {@code team_id} are ignored. The header row is required.
 */
final class CsvSource implements EventSource {

    private static final List<String> TOP_LEVEL = List.of("uuid", "event", "distinct_id", "timestamp");

    private final CountingInputStream counted;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final JsonMapper json;

    CsvSource(CountingInputStream counted, InputStream decoded, JsonMapper json) throws IOException {
        this.counted = counted;
        this.json = json;
        this.parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new InputStreamReader(decoded, StandardCharsets.UTF_8));
        this.records = parser.iterator();
    }

    @Override
    public Optional<SourceLine> next() throws IOException {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IOException("The CSV file cannot be read further: " + e.getMessage(), e);
        }
        // +1 for the header: the number a user sees in an editor
        long line = record.getRecordNumber() + 1;
        ObjectNode event = json.createObjectNode();
        ObjectNode properties = json.createObjectNode();
        for (Map.Entry<String, String> column : record.toMap().entrySet()) {
            String name = column.getKey();
            String value = column.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (TOP_LEVEL.contains(name)) {
                event.put(name, value);
            } else if (name.equals("properties")) {
                try {
                    var parsed = json.readTree(value);
                    if (!parsed.isObject()) {
                        return Optional.of(SourceLine.unreadable(line, "the properties column is not a JSON object"));
                    }
                    properties.setAll((ObjectNode) parsed);
                } catch (JacksonException e) {
                    return Optional.of(SourceLine.unreadable(line, "the properties column is not valid JSON"));
                }
            } else if (name.startsWith("properties.")) {
                properties.put(name.substring("properties.".length()), value);
            }
        }
        event.set("properties", properties);
        return Optional.of(SourceLine.of(line, event));
    }

    @Override
    public long position() {
        return counted.count();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
