package dev.beton.events.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.testsupport.Http;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11, must fix 3 (capture side): a burst of password logins (BCrypt) used to pin both
 * carrier threads, and capture acknowledgements waited 18 s. Under a sustained flood of wrong
 * HTTP Basic passwords, capture still answers within a bound far below that. The bound is not a
 * speed goal (those live in bench/); it separates "waits behind authentication" from "does not".
 *
 * <p>Capture's own part is in place: its security chain authenticates nothing (no Basic, no
 * token, so no BCrypt on a capture request), and commits run on each workspace's platform writer
 * thread, never on a carrier. What remains is that request threads are virtual: while BCrypt
 * runs on the carriers, a capture request waits for one. Moving the hashing to a bounded platform
 * pool is the authentication branch's change; until it is merged this test is off unless {@code
 * -Dbeton.test.login-flood=true} (and on a machine shared by many builds it needs quiet: it was not
 * validated here at a load average of 14 on 2 cores).
 */
@EnabledIfSystemProperty(named = "beton.test.login-flood", matches = "true")
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/capture-api",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaptureUnderLoginFloodTest {

    static {
        TestDataDirs.fresh("capture-api");
    }

    static final Duration FLOOD = Duration.ofSeconds(15);
    static final Duration BOUND = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    @Test
    void captureStaysFastWhileWrongPasswordsFloodBasicAuth() throws Exception {
        CaptureFixture beton = new CaptureFixture(port, warehouse, workspaces);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger logins = new AtomicInteger();
        List<Thread> attackers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            attackers.add(Thread.ofPlatform().start(() -> flood(flooding, logins)));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        String run = UUID.randomUUID().toString();
        try {
            Thread.sleep(2_000); // let the flood build up its queue
            long end = System.nanoTime() + FLOOD.toNanos();
            int sent = 0;
            while (System.nanoTime() < end) {
                String body = "{\"api_key\":\"%s\",\"event\":\"under_flood\",\"distinct_id\":\"%s-%d\"}"
                        .formatted(beton.token(), run, sent++);
                long started = System.nanoTime();
                HttpResponse<String> response = beton.send(HttpRequest.newBuilder(beton.uri("/i/v0/e"))
                        .timeout(BOUND.multipliedBy(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
                latencies.add((System.nanoTime() - started) / 1_000_000);
                assertThat(response.statusCode()).isEqualTo(200);
                Thread.sleep(100);
            }
        } finally {
            flooding.set(false);
            for (Thread attacker : attackers) {
                attacker.join();
            }
        }

        List<Long> sorted = latencies.stream().sorted().toList();
        long p95 = sorted.get((int) (sorted.size() * 0.95) - 1);
        System.out.printf(
                "capture under login flood: %d logins tried, %d captures, median %d ms, p95 %d ms, max %d ms%n",
                logins.get(), sorted.size(), sorted.get(sorted.size() / 2), p95, sorted.getLast());
        assertThat(logins.get()).as("the flood ran").isGreaterThan(50);
        assertThat(p95).as("p95 capture latency in ms").isLessThan(BOUND.toMillis());
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id LIKE '" + run + "%'"))
                .isEqualTo(sorted.size());
    }

    private void flood(AtomicBoolean flooding, AtomicInteger logins) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (flooding.get()) {
            try {
                client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/workspaces"))
                                .header("Authorization", Http.basic("admin@example.com", "wrong-" + UUID.randomUUID()))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                logins.incrementAndGet();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
