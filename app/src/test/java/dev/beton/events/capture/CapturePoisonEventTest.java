package dev.beton.events.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Regressions of issue 11, must fix 5 and 8: events that passed validation but could not be
 * stored made the whole group commit fail with 503 (and extreme timestamps answered 500). Each is
 * now refused with 400 and a sentence before anything is queued, and never touches the requests
 * it would have shared a commit with.
 */
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/capture-api",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CapturePoisonEventTest {

    static {
        TestDataDirs.fresh("capture-api");
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    CaptureFixture beton;

    @BeforeEach
    void setUp() {
        beton = new CaptureFixture(port, warehouse, workspaces);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            offset 1e18 (long overflow)          | /e                         | "offset":1e18
            offset 1e300                         | /e                         | "offset":1e300
            offset -1e300                        | /e                         | "offset":-1e300
            timestamp -999999999-01-01           | /i/v0/e                    | "timestamp":"-999999999-01-01"
            timestamp 1e300                      | /i/v0/e                    | "timestamp":1e300
            timestamp -1e300                     | /i/v0/e                    | "timestamp":-1e300
            timestamp +300000-01-01              | /i/v0/e                    | "timestamp":"+300000-01-01T00:00:00Z"
            timestamp in the year 0              | /i/v0/e                    | "timestamp":"0000-06-01T00:00:00Z"
            sent_at -999999999-01-01             | /e                         | "timestamp":"2026-01-01T00:00:00Z","sent_at":"-999999999-01-01"
            ?_=99999999999999999                 | /e?_=99999999999999999     | "timestamp":"2026-01-01T00:00:00Z"
            ?_=-99999999999999999                | /e?_=-99999999999999999    | "timestamp":"2026-01-01T00:00:00Z"
            """)
    void refusesAnEventWhoseTimeCannotBeStoredWithA400AndASentence(String name, String route, String fields) {
        long before = beton.events();
        String body =
                "{\"api_key\":\"%s\",\"event\":\"poison\",\"distinct_id\":\"p\",%s}".formatted(beton.token(), fields);

        HttpResponse<String> response = beton.post(route, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("failed to parse request: ").contains("out of range");
        assertThat(beton.events()).isEqualTo(before);
    }

    @Test
    void refusesABatchWhoseSentAtCannotBeStored() {
        String body = "{\"api_key\":\"%s\",\"sent_at\":\"-999999999-01-01\",\"batch\":[{\"event\":\"a\","
                        .formatted(beton.token())
                + "\"distinct_id\":\"d\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}";
        HttpResponse<String> response = beton.post("/batch", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("sent_at").contains("out of range");
    }

    @Test
    void storesTheEdgesOfTheSupportedYears() {
        String id = "edge-" + UUID.randomUUID();
        String oldest =
                "{\"api_key\":\"%s\",\"event\":\"edge\",\"distinct_id\":\"%s\",\"timestamp\":\"0001-01-01T00:00:00Z\"}"
                        .formatted(beton.token(), id);
        String farFuture = "{\"api_key\":\"%s\",\"event\":\"edge\",\"distinct_id\":\"%s\",\"timestamp\":\"9999-12-31\"}"
                .formatted(beton.token(), id);
        assertThat(beton.post("/e", oldest).statusCode()).isEqualTo(200);
        assertThat(beton.post("/e", farFuture).statusCode()).isEqualTo(200); // becomes the arrival time
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + id + "'"))
                .isEqualTo(2);
        assertThat(beton.string("SELECT min(timestamp) FROM events WHERE distinct_id = '" + id + "'"))
                .startsWith("0001-01-01");
    }

    @Test
    void aPoisonSenderNeverFailsTheWellBehavedClientsBesideIt() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> unexpected = new ArrayList<>();
        String run = UUID.randomUUID().toString();
        try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < 3; client++) {
                int c = client;
                running.add(senders.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        String id = run + "-" + c + "-" + i;
                        String body = "{\"api_key\":\"%s\",\"batch\":[{\"event\":\"good\",\"distinct_id\":\"%s\"}]}"
                                .formatted(beton.token(), id);
                        HttpResponse<String> response = beton.post("/batch", body);
                        if (response.statusCode() == 200) {
                            acknowledged.add(id);
                        } else {
                            synchronized (unexpected) {
                                unexpected.add(response.statusCode() + " " + response.body());
                            }
                        }
                    }
                }));
            }
            running.add(senders.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    String body = "{\"api_key\":\"%s\",\"batch\":[{\"event\":\"poison\",\"distinct_id\":\"p\","
                                    .formatted(beton.token())
                            + "\"offset\":1e18}]}";
                    HttpResponse<String> response = beton.post("/batch", body);
                    if (response.statusCode() != 400) {
                        synchronized (unexpected) {
                            unexpected.add("poison answered " + response.statusCode());
                        }
                    }
                }
            }));
            for (Future<?> sender : running) {
                sender.get();
            }
        }

        assertThat(unexpected).isEmpty();
        assertThat(acknowledged).hasSize(120);
        assertThat(beton.count("SELECT count(*) FROM events WHERE event = 'good' AND distinct_id LIKE '" + run + "%'"))
                .isEqualTo(120);
    }
}
