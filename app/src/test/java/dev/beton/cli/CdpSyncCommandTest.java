package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.emulator.posthog.CapturedEvent;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.events.BetonProcess;
import dev.beton.events.TestDataDirs;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./beton sync cdp} as an operator runs it against a stopped Beton's data directory: a dry
 * run sends nothing, a full run puts the Attio companies and people into PostHog with a progress
 * bar, a second run sends nothing. Both emulators check every request against their contracts.
 */
class CdpSyncCommandTest {

    static final String TOKEN = "attio_cli_cdp_0123456789abcdef0123456789abcdef0123456789abcde";
    static final String KEY = "phx_cdpCliTestKey0123456789abcdefghijklmnopqrstuvwx";
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000c1"), "Bars", "bars");
    static final PostHogProject PROJECT =
            new PostHogProject(611, ORG.id(), "Product", "phc_cdpCliProjectToken0123456789abcdefghijk");
    static final String MEMBER = "rep@bars-crm.com";

    @RegisterExtension
    static final ContractValidator attioContract = ContractValidator.attio();

    @RegisterExtension
    static final ContractValidator posthogContract = ContractValidator.posthog();

    @Test
    void aDryRunSendsNothingAFullRunFillsPostHogAndASecondRunSendsNothing() throws Exception {
        try (AttioEmulator attio = AttioEmulator.builder()
                        .workspace(new AttioWorkspace(UUID.randomUUID(), "Bars CRM", "bars-crm"))
                        .token(AttioToken.full(TOKEN))
                        .workspaceMember(MEMBER)
                        .dealsEnabled(true)
                        .observer(attioContract)
                        .start();
                PostHogEmulator posthog = PostHogEmulator.builder()
                        .organization(ORG)
                        .project(PROJECT)
                        .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                        .observer(posthogContract)
                        .start()) {
            for (int i = 1; i <= 2; i++) {
                attio.createAsMember(
                        "companies", Map.of("name", "Bars Co " + i, "domains", List.of("barsco" + i + ".io")), MEMBER);
                attio.createAsMember(
                        "people",
                        Map.of(
                                "email_addresses",
                                List.of("ada" + i + "@barsco" + i + ".io"),
                                "name",
                                List.of(Map.of("first_name", "Ada", "last_name", "N" + i, "full_name", "Ada N" + i))),
                        MEMBER);
            }
            Path dataDir = TestDataDirs.fresh("cdp-cli").toAbsolutePath();
            int port = BetonProcess.freePort();
            Process beton = BetonProcess.serve(
                    dataDir,
                    port,
                    dataDir.resolveSibling("cdp-cli-serve.log"),
                    List.of("--beton.attio.base-url=" + attio.baseUrl()));
            try {
                companyGroupType(port);
                HttpResponse<String> attioOk =
                        post(port, "/api/v1/settings/integrations/attio", "{\"api_key\":\"" + TOKEN + "\"}");
                assertThat(attioOk.statusCode()).as(attioOk.body()).isBetween(200, 299);
                HttpResponse<String> posthogOk = post(
                        port,
                        "/api/v1/settings/integrations/posthog?workspace=default",
                        "{\"api_key\": \"" + KEY + "\", \"region\": \"custom\", \"host\": \"" + posthog.baseUrl()
                                + "\", \"project_id\": " + PROJECT.id() + "}");
                assertThat(posthogOk.statusCode()).as(posthogOk.body()).isEqualTo(200);
            } finally {
                beton.destroy();
                beton.waitFor();
            }
            List<String> sync = List.of(
                    "sync",
                    "cdp",
                    "--workspace",
                    "default",
                    "--data-dir",
                    dataDir.toString(),
                    "--attio-url",
                    attio.baseUrl().toString());

            BetonProcess.Finished dry = BetonProcess.run(concat(sync, "--dry-run"));
            assertThat(dry.exitCode()).as(dry.output()).isZero();
            assertThat(dry.output())
                    .contains("Reading Attio (dry run)")
                    .contains("Dry run (nothing sent)")
                    .contains("Companies: 2 read, 2 to send");
            assertThat(identifies(posthog)).isEmpty();

            BetonProcess.Finished full = BetonProcess.run(concat(sync, "--full"));
            assertThat(full.exitCode()).as(full.output()).isZero();
            assertThat(full.output())
                    .contains("Syncing Attio")
                    .contains("Companies: 2 read, 2 sent")
                    .contains("People: 2 read, 2 sent")
                    .contains("PostHog took");
            assertThat(identifies(posthog))
                    .extracting(e -> String.valueOf(e.properties().get("$group_key")))
                    .containsExactlyInAnyOrder("barsco1.io", "barsco2.io");
            assertThat(posthog.events(PROJECT.id()))
                    .extracting(CapturedEvent::distinctId)
                    .contains("ada1@barsco1.io", "ada2@barsco2.io");

            int before = posthog.events(PROJECT.id()).size();
            BetonProcess.Finished again = BetonProcess.run(sync);
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("Companies: 2 read, 0 sent, 2 unchanged");
            assertThat(posthog.events(PROJECT.id())).hasSize(before);
        }
        attioContract.assertNoViolations();
        posthogContract.assertNoViolations();
    }

    private static List<CapturedEvent> identifies(PostHogEmulator posthog) {
        return posthog.events(PROJECT.id()).stream()
                .filter(e -> e.event().equals("$groupidentify"))
                .toList();
    }

    /** One captured event with a company group, so the workspace knows its company group type. */
    private static void companyGroupType(int port) throws Exception {
        String token = BetonProcess.projectToken(port);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        HttpResponse<String> captured = post(
                port,
                "/batch",
                "{\"api_key\":\"" + token
                        + "\",\"batch\":[{\"event\":\"$pageview\",\"distinct_id\":\"ada1@barsco1.io\","
                        + "\"timestamp\":\"" + at + "\",\"properties\":{\"$groups\":{\"company\":\"barsco1.io\"}}}]}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(200);
    }

    private static List<String> concat(List<String> list, String more) {
        return Stream.concat(list.stream(), Stream.of(more)).toList();
    }

    private static HttpResponse<String> post(int port, String path, String json) throws Exception {
        return BetonProcess.sendAsAdmin(port, "POST", path, json);
    }
}
