package dev.beton.events.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.SharedChromium;
import dev.beton.workspace.Workspaces;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real posthog-js (1.449.2, from its npm package, which {@code .ci/run} installs into {@code
 * .cache/posthog-js}), loaded by a customer's page on another origin and pointed at Beton: its
 * page views, autocapture clicks, identify, group and custom events are stored, and the browser
 * logs no error (no CORS failure on the remote config or flags). Skipped locally when the package
 * is absent; under {@code CI=true} its absence fails the test.
 */
@OnEmbeddedStore
class PostHogJsBrowserTest {

    static final Path SDK = Path.of("../.cache/posthog-js/node_modules/posthog-js/dist/array.full.js");

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    HttpServer customerSite;

    @BeforeEach
    void aCustomersSiteServingPostHogJs() throws IOException {
        boolean present = Files.isRegularFile(SDK);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(SDK + " is missing: .ci/run installs posthog-js with npm");
        }
        Assumptions.assumeTrue(
                present, "posthog-js is not installed: npm install --prefix .cache/posthog-js posthog-js@1.449.2");
        byte[] sdk = Files.readAllBytes(SDK);
        customerSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        customerSite.createContext("/array.full.js", exchange -> send(exchange, "application/javascript", sdk));
        customerSite.createContext(
                "/", exchange -> send(exchange, "text/html", page().getBytes(StandardCharsets.UTF_8)));
        customerSite.start();
    }

    @AfterEach
    void stop() {
        if (customerSite != null) {
            customerSite.stop(0);
        }
    }

    @Test
    void storesPageviewsAutocaptureIdentifyGroupAndCustomEventsWithoutConsoleErrors() {
        CaptureFixture beton = new CaptureFixture(port, warehouse, workspaces);
        String user = "sdk-" + UUID.randomUUID();
        Page page = chromium.newPage();
        List<String> errors = new CopyOnWriteArrayList<>();
        page.onConsoleMessage((ConsoleMessage m) -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);

        page.navigate("http://127.0.0.1:" + customerSite.getAddress().getPort() + "/?token=" + beton.token() + "&host="
                + "http://localhost:" + port + "&user=" + user);
        page.waitForFunction("() => window.sdkReady === true");
        page.locator("#buy").click();
        page.evaluate("() => window.afterClick()");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(beton.count(
                        "SELECT count(DISTINCT event) FROM events WHERE event IN ('$pageview', '$autocapture',"
                                + " '$identify', '$groupidentify', 'plan_chosen') AND (distinct_id = '" + user
                                + "' OR properties::VARCHAR LIKE '%" + user + "%')"))
                .isEqualTo(5));
        assertThat(errors).as("console errors").isEmpty();
    }

    private static String page() {
        // opt_out_useragent_filter: posthog-js drops events from headless browsers without it;
        // request_batching off so every call is its own request (no waiting for a flush).
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Customer app</title>
                <script src="/array.full.js"></script></head>
                <body><h1>Pricing</h1><button id="buy">Choose Pro</button>
                <script>
                const q = new URLSearchParams(location.search);
                posthog.init(q.get('token'), {
                  api_host: q.get('host'),
                  opt_out_useragent_filter: true,
                  request_batching: false,
                  persistence: 'memory',
                  disable_session_recording: true,
                  loaded: (ph) => {
                    ph.identify(q.get('user'), {email: q.get('user') + '@example.com'});
                    ph.group('company', 'sdk-co-' + q.get('user'), {name: 'SDK Co'});
                    window.sdkReady = true;
                  }
                });
                window.afterClick = () => posthog.capture('plan_chosen', {plan: 'pro'});
                </script></body></html>
                """;
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
