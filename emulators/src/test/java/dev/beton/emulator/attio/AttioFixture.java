package dev.beton.emulator.attio;

import dev.beton.emulator.ExchangeObserver;
import java.time.Clock;

/** A workspace with deals enabled, a unique {@code beton_key} on deals and tokens of different powers. */
final class AttioFixture {

    static final String FULL = "attio_full_token";
    static final String READ_ONLY = "attio_read_only_token";
    static final String REVOKED = "attio_revoked_token";
    static final String OWNER = "rep@acme.test";

    private AttioFixture() {}

    static AttioEmulator.Builder builder(Clock clock, ExchangeObserver observer) {
        return AttioEmulator.builder()
                .clock(clock)
                .workspace(new AttioWorkspace(
                        java.util.UUID.fromString("0a0a0a0a-1111-4222-8333-444455556666"), "Acme Sales", "acme-sales"))
                .token(AttioToken.full(FULL))
                .token(AttioToken.active(READ_ONLY, "record_permission:read", "object_configuration:read", "note:read"))
                .token(AttioToken.inactive(REVOKED))
                .workspaceMember(OWNER)
                .dealsEnabled(true)
                .customAttribute(
                        CustomAttribute.of("deals", "beton_key", "text").asUnique())
                .customAttribute(CustomAttribute.of("deals", "pql_score", "number"))
                .customAttribute(
                        CustomAttribute.of("deals", "lead_source", "select").withOptions("Beton", "Inbound"))
                .observer(observer);
    }
}
