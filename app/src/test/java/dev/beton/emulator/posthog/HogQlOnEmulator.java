package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.emulator.Json;
import dev.beton.emulator.TestHttp;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What Beton's PostHog adapter does with a rendered query, for parity tests that compare the
 * emulator's answer with another source's: POST the HogQL with its values to project 1's query
 * API, read columns and rows.
 */
public final class HogQlOnEmulator {

    private HogQlOnEmulator() {}

    public static ResultRows run(URI posthog, String personalKey, RenderedQuery query) {
        String body = Json.write(Map.of(
                "query",
                Map.of("kind", "HogQLQuery", "query", query.sql(), "values", query.namedValues()),
                "refresh",
                "force_blocking"));
        TestHttp.Reply reply = TestHttp.to(posthog).bearer(personalKey).post("/api/projects/1/query/", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode json = reply.json();
        List<String> columns =
                json.path("columns").values().stream().map(JsonNode::asString).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : json.path("results").values()) {
            rows.add(new ArrayList<>(row.values().stream().map(Json::toPlain).toList()));
        }
        return new ResultRows(columns, rows);
    }
}
