package dev.beton.events.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Thousands of malformed bodies: every answer is a 4xx, nothing is stored, the server stays up. */
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/capture-api",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaptureRobustnessTest {

    static {
        TestDataDirs.fresh("capture-api");
    }

    private static final String[] ROUTES = {"/i/v0/e/", "/e", "/capture", "/track", "/batch"};

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    @Test
    void answersEveryMalformedBodyWithAClientErrorAndStoresNothing() {
        CaptureFixture beton = new CaptureFixture(port, warehouse, workspaces);
        long before = beton.events();
        Random random = new Random(20261123);
        List<byte[]> bodies = malformedBodies(beton.token(), random);

        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<String> response = beton.postBytes(ROUTES[i % ROUTES.length], bodies.get(i));
            if (response.statusCode() < 400 || response.statusCode() >= 500) {
                unexpected.add(response.statusCode() + " for body #" + i + ": "
                        + new String(bodies.get(i), StandardCharsets.UTF_8)
                                .substring(0, Math.min(120, bodies.get(i).length)));
            }
        }

        assertThat(bodies).hasSizeGreaterThan(3_000);
        assertThat(unexpected).isEmpty();
        assertThat(beton.events()).isEqualTo(before);
        String alive = "{\"api_key\":\"%s\",\"event\":\"still_up\",\"distinct_id\":\"%s\"}"
                .formatted(beton.token(), UUID.randomUUID());
        assertThat(beton.post("/e", alive).statusCode()).isEqualTo(200);
        assertThat(beton.events()).isEqualTo(before + 1);
    }

    private static List<byte[]> malformedBodies(String token, Random random) {
        String valid = ("{\"api_key\":\"%s\",\"batch\":[{\"event\":\"a\",\"distinct_id\":\"d\",\"properties\":"
                        + "{\"x\":[1,2,{\"y\":\"z\"}],\"$groups\":{\"company\":\"acme\"}}},"
                        + "{\"event\":\"b\",\"distinct_id\":\"e\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}")
                .formatted(token);
        List<byte[]> bodies = new ArrayList<>();
        for (int cut = 0; cut < valid.length() - 1; cut++) {
            bodies.add(valid.substring(0, cut).getBytes(StandardCharsets.UTF_8)); // every truncation
        }
        String[] wrongTypes = {
            "{\"api_key\":\"T\",\"event\":123,\"distinct_id\":\"d\"}",
            "{\"api_key\":\"T\",\"event\":null,\"distinct_id\":\"d\"}",
            "{\"api_key\":\"T\",\"event\":\"e\",\"distinct_id\":null}",
            "{\"api_key\":\"T\",\"event\":\"e\",\"distinct_id\":\"d\",\"properties\":\"x\"}",
            "{\"api_key\":\"T\",\"event\":\"e\",\"distinct_id\":\"d\",\"properties\":[1]}",
            "{\"api_key\":\"T\",\"event\":\"e\",\"distinct_id\":\"d\",\"uuid\":5}",
            "{\"api_key\":\"T\",\"event\":\"e\",\"distinct_id\":\"d\",\"uuid\":\"0000\"}",
            "{\"api_key\":\"T\",\"event\":\"e\",\"distinct_id\":\"d\",\"timestamp\":{}}",
            "{\"api_key\":\"T\",\"event\":\"e\",\"distinct_id\":\"d\",\"timestamp\":true}",
            "{\"api_key\":\"T\",\"batch\":{}}",
            "{\"api_key\":\"T\",\"batch\":\"events\"}",
            "{\"api_key\":\"T\",\"batch\":[1,2,3]}",
            "{\"api_key\":\"T\",\"batch\":[null]}",
            "{\"api_key\":\"T\",\"sent_at\":42,\"batch\":[{\"event\":\"e\",\"distinct_id\":\"d\"}]}",
            "{\"api_key\":7,\"event\":\"e\",\"distinct_id\":\"d\"}",
            "{\"api_key\":\"T\",\"event\":\"$groupidentify\",\"distinct_id\":\"d\",\"properties\":{}}",
            "\"just a string\"",
            "42",
            "null",
            "true",
            "[]",
            "{}",
            "[[]]",
            ""
        };
        for (int round = 0; round < 60; round++) {
            for (String body : wrongTypes) {
                bodies.add(body.replace("\"T\"", "\"" + token + "\"").getBytes(StandardCharsets.UTF_8));
            }
        }
        for (int i = 0; i < 1_500; i++) {
            byte[] noise = new byte[1 + random.nextInt(2_000)];
            random.nextBytes(noise);
            if (i % 10 == 0) {
                noise[0] = 0x1f; // looks like gzip, is not
                if (noise.length > 1) {
                    noise[1] = (byte) 0x8b;
                }
            }
            bodies.add(noise);
        }
        String huge = "x".repeat(3 * 1024 * 1024);
        bodies.add(("{\"api_key\":\"" + token + "\",\"event\":\"" + huge + "\",\"distinct_id\":\"d\"}")
                .getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"api_key\":\"" + token + "\",\"event\":\"e\",\"distinct_id\":\"" + huge.substring(0, 1_500_000)
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        for (int depth : new int[] {1_000, 5_000, 100_000}) {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            bodies.add(("{\"api_key\":\"" + token + "\",\"event\":\"e\",\"distinct_id\":\"d\",\"properties\":{\"n\":"
                            + nested + "},\"uuid\":\"bad\"}")
                    .getBytes(StandardCharsets.UTF_8));
            bodies.add(nested.getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }
}
