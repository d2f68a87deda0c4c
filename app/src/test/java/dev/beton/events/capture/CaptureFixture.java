package dev.beton.events.capture;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.zip.GZIPOutputStream;

/** Talks to a running Beton the way an SDK does, and reads back what the warehouse holds. */
final class CaptureFixture {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final EmbeddedWarehouse warehouse;
    private final Workspace workspace;

    CaptureFixture(int port, EmbeddedWarehouse warehouse, Workspaces workspaces) {
        this.port = port;
        this.warehouse = warehouse;
        this.workspace = workspaces.bySlug("default").orElseThrow();
    }

    long workspaceId() {
        return workspace.id();
    }

    String token() {
        return workspace.projectToken();
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> postBytes(String path, byte[] body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    long count(String sql) {
        return warehouse.read(workspace.id(), connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    String string(String sql) {
        return warehouse.read(workspace.id(), connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    long events() {
        return count("SELECT count(*) FROM events");
    }

    static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
