package dev.beton.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioRateLimits;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The Attio client against the Attio emulator, every exchange checked against Attio's contract. */
class AttioClientTest {

    private static final String TOKEN = "attio_client_test_token_0123456789abcdef";
    private static final String REVOKED = "attio_client_test_revoked_0123456789abc";

    @RegisterExtension
    final ContractValidator contract = ContractValidator.attio();

    private AttioEmulator emulator;

    private AttioClient client(boolean dealsEnabled, AttioRateLimits limits) {
        emulator = AttioEmulator.builder()
                .workspace(new AttioWorkspace(UUID.randomUUID(), "Acme CRM", "acme-crm"))
                .token(AttioToken.full(TOKEN))
                .token(AttioToken.inactive(REVOKED))
                .dealsEnabled(dealsEnabled)
                .rateLimits(limits)
                .observer(contract)
                .start();
        return clientFor(emulator.baseUrl());
    }

    private static AttioClient clientFor(URI base) {
        return new AttioClient(
                new AttioProperties(base, Duration.ofSeconds(5)),
                JsonMapper.builder().build(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void selfReturnsTheWorkspaceAndScopes() {
        var token = client(true, AttioRateLimits.documented()).self(Secret.of(TOKEN));

        assertThat(token.workspaceName()).isEqualTo("Acme CRM");
        assertThat(token.workspaceSlug()).isEqualTo("acme-crm");
        assertThat(token.grants("record_permission:read-write")).isTrue();
        assertThat(token.grants("object_configuration:read")).isTrue();
        assertThat(token.grants("webhook:read-write")).isFalse();
    }

    @Test
    void anInactiveTokenAndAnUnknownOneAreUnauthorized() {
        AttioClient client = client(true, AttioRateLimits.documented());

        assertThatThrownBy(() -> client.self(Secret.of(REVOKED))).isInstanceOf(AttioException.Unauthorized.class);
        assertThatThrownBy(() -> client.self(Secret.of("nobody_issued_this_token_0123456789")))
                .isInstanceOf(AttioException.Unauthorized.class)
                .hasMessageNotContaining("nobody_issued");
    }

    @Test
    void objectsShowWhetherDealsAreEnabled() {
        assertThat(client(false, AttioRateLimits.documented()).objects(Secret.of(TOKEN)))
                .extracting(AttioObject::apiSlug)
                .contains("people", "companies")
                .doesNotContain("deals");
    }

    @Test
    void rateLimitsCarryAttiosRetryAfterDate() {
        AttioClient client = client(true, new AttioRateLimits(1, 1));
        client.self(Secret.of(TOKEN));

        assertThatThrownBy(() -> {
                    for (int i = 0; i < 20; i++) {
                        client.objects(Secret.of(TOKEN));
                    }
                })
                .isInstanceOfSatisfying(AttioException.RateLimited.class, e -> assertThat(e.retryAfter())
                        .hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2))));
    }

    @Test
    void aClosedPortIsUnreachable() {
        contract.allowNoExchanges();
        AttioClient client = clientFor(URI.create("http://127.0.0.1:9"));

        assertThatThrownBy(() -> client.self(Secret.of(TOKEN))).isInstanceOf(AttioException.Unreachable.class);
    }
}
