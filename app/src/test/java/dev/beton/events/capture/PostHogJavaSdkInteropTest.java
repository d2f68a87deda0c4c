package dev.beton.events.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.posthog.server.PostHog;
import com.posthog.server.PostHogCaptureOptions;
import com.posthog.server.PostHogConfig;
import com.posthog.server.PostHogInterface;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The real PostHog Java SDK ({@code com.posthog:posthog-server}) pointed at Beton just works. */
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/capture-api",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostHogJavaSdkInteropTest {

    static {
        TestDataDirs.fresh("capture-api");
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    @Test
    void sdkCapturesIdentifiesAndGroupIdentifies() throws InterruptedException {
        CaptureFixture beton = new CaptureFixture(port, warehouse, workspaces);
        String user = "sdk-" + UUID.randomUUID();
        String company = "sdk-co-" + UUID.randomUUID();
        PostHogInterface posthog = PostHog.with(PostHogConfig.builder(beton.token())
                .host("http://localhost:" + port)
                .preloadFeatureFlags(false)
                .build());
        try {
            posthog.identify(user, Map.of("email", "sdk@example.com"), Map.of("first_plan", "trial"));
            posthog.group(user, "company", company, Map.of("name", "SDK Co", "seats", 7));
            posthog.capture(
                    user,
                    "report_created",
                    PostHogCaptureOptions.builder()
                            .property("format", "pdf")
                            .group("company", company)
                            .build());
            posthog.flush();
            String byUser = "SELECT count(*) FROM events WHERE distinct_id = '" + user + "'";
            // The SDK sends from its own queue thread, possibly in several requests: wait for all.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (beton.count(byUser) >= 3) {
                            return true;
                        }
                        posthog.flush();
                        return false;
                    });
        } finally {
            posthog.close();
        }

        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + user + "'"))
                .isEqualTo(3);
        assertThat(beton.string("SELECT properties FROM groups WHERE group_key = '" + company + "'"))
                .contains("\"name\":\"SDK Co\"")
                .contains("\"seats\":7");
        String index = beton.string("SELECT group_type_index FROM group_types WHERE group_type = 'company'");
        assertThat(beton.count("SELECT count(*) FROM events WHERE event = 'report_created' AND \"$group_" + index
                        + "\" = '" + company + "'"))
                .isEqualTo(1);
        String person = beton.string("SELECT person_id FROM person_distinct_ids WHERE distinct_id = '" + user + "'");
        assertThat(beton.string("SELECT properties FROM persons WHERE id = '" + person + "'"))
                .contains("sdk@example.com")
                .contains("\"first_plan\":\"trial\"");
    }
}
