package dev.beton.emulator;

import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./beton emulate posthog|attio}: the executable of this module. It lives here, not in
 * Beton's CLI, so that the application jar ships no emulator classes.
 */
@Command(
        name = "emulate",
        mixinStandardHelpOptions = true,
        description = {
            "Run a PostHog or Attio emulator on 127.0.0.1 with a demo key, for trying Beton without"
                    + " real accounts. It prints the flag that points ./beton demo at it."
        })
public final class EmulatorMain implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmulatorMain()).execute(args));
    }

    public enum Service {
        posthog,
        attio
    }

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    @Parameters(index = "0", description = "posthog or attio")
    public Service service;

    @Option(names = "--port", description = "TCP port (default: a free one).")
    public int port;

    private final SecureRandom random = new SecureRandom();

    @Override
    public Integer call() throws InterruptedException {
        AutoCloseable emulator = start(System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                emulator.close();
            } catch (Exception e) {
                // the process is ending; nothing left to report to
            }
        }));
        System.out.println("  Ctrl-C to stop. State lives in memory only.");
        new CountDownLatch(1).await();
        return 0;
    }

    /** Starts the chosen emulator and prints its address and demo credentials. */
    public AutoCloseable start(PrintStream out) {
        return switch (service) {
            case posthog -> startPostHog(out);
            case attio -> startAttio(out);
        };
    }

    private PostHogEmulator startPostHog(PrintStream out) {
        UUID org = UUID.randomUUID();
        String key = "phx_" + randomText(43);
        String token = "phc_" + randomText(43);
        PostHogEmulator posthog = PostHogEmulator.builder()
                .port(port)
                .organization(new PostHogOrganization(org, "Demo organization", "demo"))
                .project(new PostHogProject(1, org, "Demo project", token))
                .personalKey(PersonalApiKey.withScopes(key, "*"))
                .start();
        out.println("  PostHog emulator at " + posthog.baseUrl());
        out.println("  personal API key: " + key);
        out.println("  project token:    " + token);
        out.println("  Beton: ./beton demo --beton.posthog.us-url=" + posthog.baseUrl()
                + "  then connect PostHog (US cloud) with the key above.");
        return posthog;
    }

    private AttioEmulator startAttio(PrintStream out) {
        String token = randomText(64).toLowerCase(Locale.ROOT);
        AttioEmulator attio = AttioEmulator.builder()
                .port(port)
                .workspace(new AttioWorkspace(UUID.randomUUID(), "Demo CRM", "demo-crm"))
                .token(AttioToken.full(token))
                .workspaceMember("rep@demo.test")
                .dealsEnabled(true)
                .start();
        out.println("  Attio emulator at " + attio.baseUrl());
        out.println("  access token: " + token);
        out.println("  Beton: ./beton demo --beton.attio.base-url=" + attio.baseUrl()
                + "  then connect Attio with the token above.");
        return attio;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }
}
