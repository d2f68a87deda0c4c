package dev.beton.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One tile as the page and {@code GET /api/v1/dashboards/{id}} show it: its definition, its numbers
 * (columns and rows) or, when data is missing, what is missing and how to send it.
 *
 * @param status {@code ok}, {@code missing_data} or {@code failed}
 * @param missing one entry per missing data source; empty when {@code ok}
 * @param refreshedAt when the numbers were computed (they are cached for the dashboard's TTL)
 */
public record TileView(
        String id,
        int version,
        String title,
        String description,
        String visualisation,
        String status,
        List<Missing> missing,
        Optional<String> error,
        List<String> columns,
        List<List<Object>> rows,
        Optional<String> x,
        List<String> y,
        @JsonProperty("account_column") Optional<String> accountColumn,
        @JsonProperty("query_id") Optional<String> queryId,
        @JsonProperty("refreshed_at") Instant refreshedAt) {

    public record Missing(String data, String message) {}

    public boolean ok() {
        return "ok".equals(status);
    }

    /** The numbers as CSV (RFC 4180 quoting). */
    public String csv() {
        return csv(columns, rows);
    }

    /** Columns and rows as CSV (RFC 4180 quoting; a cell a spreadsheet would take for a formula stays text). */
    static String csv(List<String> columns, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder(
                        String.join(",", columns.stream().map(TileView::cell).toList()))
                .append('\n');
        for (List<Object> row : rows) {
            out.append(String.join(
                            ",",
                            row.stream()
                                    .map(v -> cell(v == null ? "" : String.valueOf(v)))
                                    .toList()))
                    .append('\n');
        }
        return out.toString();
    }

    private static String cell(String text) {
        // A leading = + - @ would be a formula in a spreadsheet: prefix it so it stays text.
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")
                ? "'" + text
                : text;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
                ? "\"" + safe.replace("\"", "\"\"") + "\""
                : safe;
    }
}
