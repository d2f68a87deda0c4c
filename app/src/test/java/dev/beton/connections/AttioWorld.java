package dev.beton.connections;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import java.net.URI;
import java.util.UUID;

/** The Attio emulator with a workspace whose deals are enabled and tokens of different powers. */
final class AttioWorld implements AutoCloseable {

    static final String FULL_TOKEN = "attio_full_0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String NARROW_TOKEN = "attio_narrow_0123456789abcdef0123456789abcdef0123456789abc";
    static final String INACTIVE_TOKEN = "attio_inactive_0123456789abcdef0123456789abcdef0123456789a";

    final AttioEmulator attio;

    AttioWorld(ContractValidator contract) {
        attio = AttioEmulator.builder()
                .workspace(new AttioWorkspace(
                        UUID.fromString("0a0a0a0a-1111-4222-8333-444455556666"), "Acme CRM", "acme-crm"))
                .token(AttioToken.full(FULL_TOKEN))
                .token(AttioToken.active(NARROW_TOKEN, "record_permission:read", "object_configuration:read"))
                .token(AttioToken.inactive(INACTIVE_TOKEN))
                .workspaceMember("rep@acme.test")
                .dealsEnabled(true)
                .observer(contract)
                .start();
    }

    URI baseUrl() {
        return attio.baseUrl();
    }

    @Override
    public void close() {
        attio.close();
    }
}
