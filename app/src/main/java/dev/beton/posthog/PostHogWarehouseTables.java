package dev.beton.posthog;

import dev.beton.workspace.credentials.Secret;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Data warehouse tables of a project uploaded as a file (reference §7): {@code POST
 * warehouse_tables/file/} (multipart {@code file}, {@code name}, {@code format}) and the soft
 * {@code DELETE}. The upload is gated by PostHog's {@code warehouse-api} feature flag; a server
 * without it answers 400 "Warehouse API is not enabled…", which {@link #refusedForFlag} tells
 * apart from other failures. Needs the {@code warehouse_table:write} scope.
 */
public final class PostHogWarehouseTables {

    /** A table PostHog made from the upload. */
    public record Table(String id, String name, List<String> columns) {}

    private final PostHogClient client;

    PostHogWarehouseTables(PostHogClient client) {
        this.client = client;
    }

    /**
     * Uploads a CSV with a header line as table {@code name}.
     *
     * @throws PostHogException.ApiError 400 when the flag is off ({@link #refusedForFlag}) or the
     *     name is taken
     */
    public Table uploadCsv(Secret key, long projectId, String name, byte[] csv) {
        String boundary = "beton-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(csv.length + 512);
        field(body, boundary, "name", name);
        field(body, boundary, "format", "CSVWithNames");
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + ".csv\"\r\nContent-Type: text/csv\r\n\r\n");
        body.writeBytes(csv);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest.Builder request = client.post(base(projectId) + "file/", body.toByteArray(), boundary);
        JsonNode table = client.send(key, request);
        List<String> columns = new ArrayList<>();
        table.path("columns")
                .values()
                .forEach(c -> columns.add(c.isObject() ? c.path("name").asString() : c.asString()));
        return new Table(table.path("id").asString(), table.path("name").asString(), columns);
    }

    /** Soft-deletes a table; one already gone counts as deleted. */
    public void delete(Secret key, long projectId, String tableId) {
        var response = client.exchange(key, client.delete(base(projectId) + tableId + "/"));
        // 204 without a body; 404: deleted in PostHog already, which is what Beton wanted
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            client.read(response);
        }
    }

    /** Whether a failure is the refusal of a server whose {@code warehouse-api} flag is off. */
    public static boolean refusedForFlag(PostHogException e) {
        return e instanceof PostHogException.ApiError error
                && error.status() == 400
                && String.valueOf(error.getMessage()).contains("Warehouse API is not enabled");
    }

    private static String base(long projectId) {
        return "/api/projects/" + projectId + "/warehouse_tables/";
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
