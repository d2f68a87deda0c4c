package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorRequest;

/** The site URL as the client addressed it, like Django's {@code build_absolute_uri}. */
final class Site {

    private Site() {}

    static String url(EmulatorRequest request) {
        return "http://" + request.header("host").orElse("127.0.0.1");
    }
}
