package dev.beton.events.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random JSON shapes, types and sizes against {@code /batch} and {@code /i/v0/e}: valid events with
 * one field replaced by something random, whole random documents, extreme numbers and times. Never
 * a 5xx, and every event of an acknowledged request is stored. Bounded by time and count so it fits
 * CI; a failure prints its seed ({@code -Dbeton.fuzz.seed=…} replays it, {@code
 * -Dbeton.fuzz.seconds=…} runs longer).
 */
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/capture-api",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaptureFuzzTest {

    static {
        TestDataDirs.fresh("capture-api");
    }

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] FIELDS = {
        "event", "distinct_id", "uuid", "timestamp", "sent_at", "offset", "properties", "$set", "$set_once", "api_key"
    };
    static final String[] PROPERTY_FIELDS = {
        "$groups",
        "$group_type",
        "$group_key",
        "$group_set",
        "$set",
        "$process_person_profile",
        "$ignore_sent_at",
        "distinct_id",
        "$anon_distinct_id",
        "alias",
        "token"
    };

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    @Test
    void randomBodiesNeverGetA5xxAndNoAcknowledgedEventIsLost() {
        CaptureFixture beton = new CaptureFixture(port, warehouse, workspaces);
        long seed = Long.getLong("beton.fuzz.seed", System.nanoTime());
        Duration budget = Duration.ofSeconds(Long.getLong("beton.fuzz.seconds", 20));
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        Set<UUID> acknowledged = new HashSet<>();
        int requests = 0;
        long deadline = System.nanoTime() + budget.toNanos();
        while (System.nanoTime() < deadline && requests < 3_000) {
            requests++;
            List<UUID> uuids = new ArrayList<>();
            boolean batch = random.nextBoolean();
            JsonNode body = random.nextInt(10) == 0 ? value(random, 3) : request(random, beton.token(), batch, uuids);
            String text = JSON.writeValueAsString(body);
            HttpResponse<String> response = random.nextInt(8) == 0
                    ? beton.postBytes(
                            batch ? "/batch" : "/i/v0/e", CaptureFixture.gzip(text), "Content-Encoding", "gzip")
                    : beton.post(batch ? "/batch" : "/i/v0/e", text);
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + " " + response.body() + " for " + abbreviated(text));
            } else if (response.statusCode() == 200) {
                acknowledged.addAll(uuids);
            }
        }

        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(missing(beton, acknowledged)).as("seed " + seed).isZero();
        assertThat(requests).isGreaterThan(100);
    }

    /** A request made of valid events, some of them with one field or property made random. */
    private static JsonNode request(Random random, String token, boolean batch, List<UUID> uuids) {
        ArrayNode events = NODES.arrayNode();
        int count = 1 + random.nextInt(batch ? 20 : 3);
        for (int i = 0; i < count; i++) {
            ObjectNode event = NODES.objectNode();
            event.put("event", random.nextInt(20) == 0 ? "$groupidentify" : "fuzz_" + random.nextInt(5));
            event.put("distinct_id", "fuzz-" + random.nextInt(50));
            UUID uuid = UUID.randomUUID();
            event.put("uuid", uuid.toString());
            ObjectNode properties = event.putObject("properties");
            properties.putObject("$groups").put("company", "c" + random.nextInt(10));
            properties.put("$group_type", "company").put("$group_key", "c" + random.nextInt(10));
            if (!batch) {
                event.put("api_key", token);
            }
            if (random.nextInt(3) == 0) {
                String field = FIELDS[random.nextInt(FIELDS.length)];
                event.set(field, value(random, 2));
            }
            if (random.nextInt(3) == 0) {
                properties.set(PROPERTY_FIELDS[random.nextInt(PROPERTY_FIELDS.length)], value(random, 2));
            }
            // Only events that keep their own uuid can be looked for later.
            if (event.get("uuid").isString() && event.get("uuid").asString().equals(uuid.toString())) {
                uuids.add(uuid);
            }
            events.add(event);
        }
        if (!batch) {
            return events.size() == 1 ? events.get(0) : events;
        }
        ObjectNode request = NODES.objectNode().put("api_key", token);
        request.set("batch", events);
        if (random.nextInt(4) == 0) {
            request.set("sent_at", value(random, 0));
        }
        return request;
    }

    /** Any JSON value, with a bias to the edges: huge and tiny numbers, odd strings, odd times. */
    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 ->
                NODES.numberNode(
                        new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong()}[random.nextInt(5)]);
            case 3 ->
                NODES.numberNode(
                        new double[] {1e18, -1e18, 1e300, -1e300, 0.5, random.nextDouble() * 1e15}[random.nextInt(6)]);
            case 4 ->
                NODES.stringNode(new String[] {
                            "",
                            " ",
                            "-999999999-01-01",
                            "+300000-01-01T00:00:00Z",
                            "0000-01-01",
                            "2026-02-30",
                            "9999-12-31",
                            "1970-01-01T00:00:00Z",
                            "2026-11-20T10:00:00+14:00",
                            "\u0000",
                            "phx_personal",
                            "ünïcødé 🎉"
                        }
                        [random.nextInt(12)]);
            case 5 -> NODES.stringNode(randomString(random, random.nextInt(3) == 0 ? 5_000 : 20));
            case 6 -> NODES.stringNode(UUID.randomUUID().toString());
            case 7 -> NODES.numberNode(random.nextInt());
            case 8 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(random.nextBoolean() ? randomString(random, 6) : "$groups", value(random, depth - 1));
                }
                yield object;
            }
        };
    }

    private static String randomString(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x3000) : 'a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static long missing(CaptureFixture beton, Set<UUID> acknowledged) {
        if (acknowledged.isEmpty()) {
            return 0;
        }
        StringBuilder values = new StringBuilder();
        for (UUID uuid : acknowledged) {
            values.append(values.isEmpty() ? "" : ",").append("('").append(uuid).append("'::UUID)");
        }
        return beton.count("SELECT count(*) FROM (VALUES " + values + ") a(uuid)"
                + " WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.uuid = a.uuid)");
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
