package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.emulator.posthog.PostHogEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/** Events put into the PostHog emulator through its own {@code /batch/} route, as an SDK would. */
final class EmulatorBatches {

    private EmulatorBatches() {}

    /** {@code count} {@code report_created} events of distinct users, all at {@code at}. */
    static void reports(PostHogEmulator emulator, String projectToken, int count, Instant at) throws Exception {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < count; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("{\"event\":\"report_created\",\"distinct_id\":\"user-")
                    .append(i)
                    .append("\",\"timestamp\":\"")
                    .append(at)
                    .append("\",\"properties\":{}}");
        }
        post(emulator, projectToken, events.toString());
    }

    /** Posts one batch of already written event objects ({@code {…},{…}}) and expects a 200. */
    static void post(PostHogEmulator emulator, String projectToken, String events) throws Exception {
        String body = "{\"api_key\":\"" + projectToken + "\",\"batch\":[" + events + "]}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(emulator.baseUrl().resolve("/batch/"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
