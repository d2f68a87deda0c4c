package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.Gate.RateClass.CRUD;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data warehouse tables from a direct upload (reference §7): {@code POST
 * …/warehouse_tables/file/} takes a multipart form ({@code file}, {@code name}, {@code format}
 * default {@code CSVWithNames}) and answers the table with the columns read from the CSV header;
 * {@code DELETE …/warehouse_tables/{id}/} soft-deletes (204). The upload is gated by PostHog's
 * {@code warehouse-api} feature flag: without it ({@link PostHogEmulator.Builder#warehouseApi},
 * off by default as on most servers) the answer is 400 "Warehouse API is not enabled…". The
 * emulator keeps the rows for tests; HogQL does not read these tables.
 */
final class WarehouseTableRoutes {

    static final String NOT_ENABLED = "Warehouse API is not enabled for this organization.";
    private static final int MAX_BYTES = 50 * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern FIELD = Pattern.compile("name=\"([^\"]*)\"");

    private final PostHogState state;
    private final Gate gate;
    private final boolean enabled;

    WarehouseTableRoutes(PostHogState state, Gate gate, boolean enabled) {
        this.state = state;
        this.gate = gate;
        this.enabled = enabled;
    }

    void register(Router router) {
        for (String prefix : List.of("/api/projects", "/api/environments")) {
            String base = prefix + "/{project_id}/warehouse_tables/";
            router.route("POST", base + "file/", gate.project("warehouse_table:write", CRUD, this::upload));
            router.route("DELETE", base + "{id}/", gate.project("warehouse_table:write", CRUD, this::delete));
        }
    }

    private EmulatorResponse upload(EmulatorRequest request, ProjectData project) {
        if (!enabled) {
            return PostHogErrors.validation("invalid_input", NOT_ENABLED, null);
        }
        Map<String, String> form;
        try {
            form = multipart(request);
        } catch (IllegalArgumentException e) {
            return PostHogErrors.validation("parse_error", e.getMessage(), null);
        }
        String name = form.getOrDefault("name", "");
        if (!NAME.matcher(name).matches()) {
            return PostHogErrors.validation("invalid_input", "Table name must match ^[a-zA-Z_][a-zA-Z0-9_]*$.", "name");
        }
        String format = form.getOrDefault("format", "CSVWithNames");
        if (!format.equals("CSVWithNames") && !format.equals("CSV")) {
            return PostHogErrors.validation(
                    "invalid_input",
                    "The Beton PostHog emulator only reads CSV uploads, not " + format + ".",
                    "format");
        }
        String file = form.get("file");
        if (file == null) {
            return PostHogErrors.validation("required", "No file was submitted.", "file");
        }
        if (file.length() > MAX_BYTES) {
            return PostHogErrors.validation("invalid_input", "The file is larger than 50 MB.", "file");
        }
        List<List<String>> rows = Csv.parse(file);
        if (rows.isEmpty()) {
            return PostHogErrors.validation("invalid_input", "The file is empty.", "file");
        }
        synchronized (project) {
            boolean taken = project.warehouseTables.values().stream().anyMatch(t -> !t.deleted && t.name.equals(name));
            if (taken) {
                return PostHogErrors.validation("invalid_input", "A table with this name already exists.", "name");
            }
            List<String> columns = format.equals("CSVWithNames")
                    ? rows.getFirst()
                    : numbered(rows.getFirst().size());
            List<List<String>> data = format.equals("CSVWithNames") ? rows.subList(1, rows.size()) : rows;
            ProjectData.WarehouseTable table = new ProjectData.WarehouseTable(
                    state.nextId(), name, format, columns, List.copyOf(data), state.clock.instant());
            project.warehouseTables.put(table.id, table);
            return EmulatorResponse.json(201, json(table));
        }
    }

    private EmulatorResponse delete(EmulatorRequest request, ProjectData project) {
        synchronized (project) {
            Optional<ProjectData.WarehouseTable> table = project.warehouseTables.values().stream()
                    .filter(t -> !t.deleted && Long.toString(t.id).equals(request.pathParam("id")))
                    .findFirst();
            if (table.isEmpty()) {
                return PostHogErrors.notFound();
            }
            table.get().deleted = true;
            return EmulatorResponse.empty(204);
        }
    }

    /** {@code TableSerializer}'s fields that a direct upload fills. */
    private static Map<String, Object> json(ProjectData.WarehouseTable table) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", Long.toString(table.id));
        body.put("deleted", table.deleted);
        body.put("name", table.name);
        body.put("format", table.format);
        body.put("created_at", table.createdAt.toString());
        body.put("url_pattern", "https://emulator-bucket/" + table.name + "/*.csv");
        List<Map<String, Object>> columns = new ArrayList<>();
        for (String column : table.columns) {
            // Uploaded CSV columns are inferred as nullable strings unless updated by update_schema.
            columns.add(Map.of("key", column, "name", column, "type", "string", "schema_valid", true));
        }
        body.put("columns", columns);
        body.put("external_data_source", null);
        body.put("external_schema", null);
        return body;
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("c" + i);
        }
        return names;
    }

    /** The text fields of a {@code multipart/form-data} body (the file is a text field here: CSV). */
    static Map<String, String> multipart(EmulatorRequest request) {
        String type = request.header("content-type").orElse("");
        Matcher boundary = BOUNDARY.matcher(type);
        if (!type.startsWith("multipart/form-data") || !boundary.find()) {
            throw new IllegalArgumentException("Multipart form parse error - Invalid Content-Type: " + type);
        }
        String delimiter = "--" + boundary.group(1);
        Map<String, String> fields = new LinkedHashMap<>();
        String[] parts = request.body().split(Pattern.quote(delimiter));
        for (String part : parts) {
            if (part.startsWith("--") || part.isBlank()) {
                continue;
            }
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                throw new IllegalArgumentException("Multipart form parse error - a part has no headers.");
            }
            Matcher field = FIELD.matcher(part.substring(0, headerEnd));
            if (!field.find()) {
                continue;
            }
            String value = part.substring(headerEnd + 4);
            // Each part's content ends with the CRLF that precedes the next delimiter.
            fields.put(field.group(1), value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
        }
        return fields;
    }

    /** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
    static final class Csv {

        private Csv() {}

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                any = true;
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    any = false;
                } else {
                    field.append(c);
                }
            }
            if (any) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
