package dev.beton.events.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON Lines: one capture event (or PostHog export row) per line; blank lines are skipped. */
final class JsonLinesSource implements EventSource {

    private final CountingInputStream counted;
    private final BufferedReader reader;
    private final JsonMapper json;
    private long line;

    JsonLinesSource(CountingInputStream counted, InputStream decoded, JsonMapper json) {
        this.counted = counted;
        this.reader = new BufferedReader(new InputStreamReader(decoded, StandardCharsets.UTF_8), 1 << 16);
        this.json = json;
    }

    @Override
    public Optional<SourceLine> next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
            if (text == null) {
                return Optional.empty();
            }
        } while (text.isBlank());
        try {
            JsonNode node = json.readTree(text);
            return Optional.of(SourceLine.of(line, node));
        } catch (JacksonException e) {
            return Optional.of(SourceLine.unreadable(line, "not valid JSON: " + e.getOriginalMessage()));
        }
    }

    @Override
    public long position() {
        return counted.count();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
