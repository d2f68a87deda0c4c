package dev.beton.emulator.attio;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Stable ids for configured things, so two emulators with the same config agree. */
final class Ids {

    private Ids() {}

    static UUID of(UUID workspace, String... parts) {
        return UUID.nameUUIDFromBytes((workspace + "/" + String.join("/", parts)).getBytes(StandardCharsets.UTF_8));
    }
}
