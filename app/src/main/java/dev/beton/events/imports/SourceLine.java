package dev.beton.events.imports;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One line (or CSV record, or Parquet row) of an import file: the raw event, or why it could not
 * even be read.
 *
 * @param line 1-based line / record / row number in the file
 */
record SourceLine(long line, Optional<JsonNode> event, Optional<String> unreadable) {

    static SourceLine of(long line, JsonNode event) {
        return new SourceLine(line, Optional.of(event), Optional.empty());
    }

    static SourceLine unreadable(long line, String reason) {
        return new SourceLine(line, Optional.empty(), Optional.of(reason));
    }
}
