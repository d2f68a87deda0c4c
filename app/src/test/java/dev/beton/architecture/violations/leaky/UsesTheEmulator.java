package dev.beton.architecture.violations.leaky;

import dev.beton.emulator.attio.AttioEmulator;

/** Application code that would drag the emulators into the jar. */
public class UsesTheEmulator {
    public AttioEmulator.Builder emulator() {
        return AttioEmulator.builder();
    }
}
