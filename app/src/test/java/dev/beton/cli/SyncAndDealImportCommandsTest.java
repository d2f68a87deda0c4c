package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.events.BetonProcess;
import dev.beton.events.TestDataDirs;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./beton sync attio} and {@code ./beton import --deals} as a user runs them: separate
 * processes against a stopped Beton's data directory, the sync against the Attio emulator (every
 * request checked against Attio's contract).
 */
class SyncAndDealImportCommandsTest {

    static final String TOKEN = "attio_cli_sync_0123456789abcdef0123456789abcdef0123456789abcd";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    @Test
    void syncPlansThenAppliesWithAProgressBarAndADealFileGoesIntoTheMirror() throws Exception {
        try (AttioEmulator attio = AttioEmulator.builder()
                .workspace(new AttioWorkspace(UUID.randomUUID(), "CLI CRM", "cli-crm"))
                .token(AttioToken.full(TOKEN))
                .workspaceMember("rep@cli.test")
                .dealsEnabled(true)
                .observer(contract)
                .start()) {
            Path dataDir = TestDataDirs.fresh("sync-cli").toAbsolutePath();
            String flag = "--beton.attio.base-url=" + attio.baseUrl();
            int port = BetonProcess.freePort();
            Process beton =
                    BetonProcess.serve(dataDir, port, dataDir.resolveSibling("sync-cli-serve.log"), List.of(flag));
            try {
                hotAccount(port, "cli-acme.io");
                assertThat(post(port, "/api/v1/settings/integrations/attio", "{\"api_key\":\"" + TOKEN + "\"}")
                                .statusCode())
                        .isBetween(200, 299);
                HttpResponse<String> settings = send(
                        port,
                        "PUT",
                        "/api/v1/attio/routing-settings?workspace=default",
                        "{\"unresolved\":\"create\",\"auto_apply\":false}");
                assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
            } finally {
                beton.destroy();
                beton.waitFor();
            }
            String dir = dataDir.toString();
            BetonProcess.Finished detected =
                    BetonProcess.run(List.of("detect", "--workspace", "default", "--data-dir", dir));
            assertThat(detected.exitCode()).as(detected.output()).isZero();

            List<String> sync = List.of(
                    "sync",
                    "attio",
                    "--workspace",
                    "default",
                    "--data-dir",
                    dir,
                    "--attio-url",
                    attio.baseUrl().toString());
            BetonProcess.Finished dry = BetonProcess.run(concat(sync, "--dry-run"));
            assertThat(dry.exitCode()).as(dry.output()).isZero();
            assertThat(dry.output())
                    .contains("1 to create")
                    .contains("create")
                    .contains("cli-acme.io")
                    .contains("pql_score: - -> 80")
                    .contains("Dry run: nothing was sent to Attio");
            assertThat(attio.records("deals")).isEmpty();

            BetonProcess.Finished applied = BetonProcess.run(sync);
            assertThat(applied.exitCode()).as(applied.output()).isZero();
            assertThat(applied.output())
                    .contains("Sending to Attio")
                    .contains("1 done, 0 waiting for a retry, 0 rejected");
            assertThat(attio.records("deals")).hasSize(1);

            BetonProcess.Finished again = BetonProcess.run(sync);
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("no change").contains("Nothing to send.");
            assertThat(attio.records("deals")).hasSize(1);

            Path deals = Files.writeString(dataDir.resolveSibling("sync-cli-deals.csv"), """
                    domain,amount,stage,outcome,created,closed,lead_source
                    https://www.cli-acme.io/,"12,000",Closed Won,won,2026-01-05,2026-02-10,pql
                    cli-beta.io,5000,Closed Lost,lost,2026-01-07,,inbound
                    cli-gamma.io,800,Discovery,,2026-03-01,,outbound
                    """);
            BetonProcess.Finished imported = BetonProcess.run(
                    List.of("import", "--deals", deals.toString(), "--workspace", "default", "--data-dir", dir));
            assertThat(imported.exitCode()).as(imported.output()).isEqualTo(1);
            assertThat(imported.output())
                    .contains("sync-cli-deals.csv:3: a lost deal needs its closed date")
                    .contains("3 deals read, 2 stored, 1 rejected");
        }
    }

    private static List<String> concat(List<String> list, String more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more))
                .toList();
    }

    /** Pricing pages and a checkout yesterday: score 80 (pricing intent + billing intent). */
    private static void hotAccount(int port, String account) throws Exception {
        String token = BetonProcess.projectToken(port);
        Instant day = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        String batch = "{\"api_key\":\"" + token + "\",\"batch\":["
                + event(
                        "$pageview",
                        account,
                        day.minus(Duration.ofHours(5)),
                        ",\"$current_url\":\"https://x.io/pricing\"")
                + ","
                + event(
                        "$pageview",
                        account,
                        day.minus(Duration.ofHours(4)),
                        ",\"$current_url\":\"https://x.io/plans\"")
                + "," + event("checkout_started", account, day.minus(Duration.ofHours(3)), "") + "]}";
        HttpResponse<String> captured = post(port, "/batch", batch);
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(200);
    }

    private static String event(String name, String account, Instant at, String more) {
        return "{\"event\":\"" + name + "\",\"distinct_id\":\"ann@" + account + "\",\"timestamp\":\"" + at
                + "\",\"properties\":{\"$groups\":{\"company\":\"" + account + "\"}" + more + "}}";
    }

    private static HttpResponse<String> post(int port, String path, String json) throws Exception {
        return send(port, "POST", path, json);
    }

    private static HttpResponse<String> send(int port, String method, String path, String json) throws Exception {
        return BetonProcess.sendAsAdmin(port, method, path, json);
    }
}
