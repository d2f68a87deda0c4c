package dev.beton.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./beton emulate}: what it prints is enough to use the emulator and to point Beton at it. */
class EmulatorMainTest {

    @Test
    void emulatePostHogPrintsAKeyTheEmulatorAccepts() throws Exception {
        EmulatorMain command = new EmulatorMain();
        command.service = EmulatorMain.Service.posthog;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (AutoCloseable ignored = command.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String text = printed.toString(StandardCharsets.UTF_8);
            String url = find(text, "PostHog emulator at (\\S+)");
            String key = find(text, "personal API key: (phx_\\S+)");
            HttpResponse<String> me = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/api/users/@me/"))
                                    .header("Authorization", "Bearer " + key)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void emulateAttioPrintsATokenTheEmulatorAccepts() throws Exception {
        EmulatorMain command = new EmulatorMain();
        command.service = EmulatorMain.Service.attio;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (AutoCloseable ignored = command.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String text = printed.toString(StandardCharsets.UTF_8);
            String url = find(text, "Attio emulator at (\\S+)");
            String token = find(text, "access token: (\\S+)");
            HttpResponse<String> self = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/v2/self"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(self.body()).contains("\"active\":true");
        }
    }

    @Test
    void printsTheDemoFlagThatPointsBetonAtIt() throws Exception {
        EmulatorMain command = new EmulatorMain();
        command.service = EmulatorMain.Service.attio;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (AutoCloseable ignored = command.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String text = printed.toString(StandardCharsets.UTF_8);
            assertThat(find(text, "(\\./beton demo --beton\\.attio\\.base-url=\\S+)"))
                    .endsWith(find(text, "Attio emulator at (\\S+)"));
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }
}
