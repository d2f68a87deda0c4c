package dev.beton.cli;

import dev.beton.BetonApplication;
import dev.beton.boot.BackgroundStart;
import dev.beton.boot.StartupProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** Starts the web application and leaves it running until Ctrl-C (Spring's shutdown hook). */
abstract class ServerCommand implements Callable<Integer> {

    static final int KEEP_RUNNING = -1;

    /**
     * Any Beton setting as {@code --beton.some.setting=value} (what {@code ./beton emulate} prints
     * to point Beton at an emulator). Only {@code beton.*} settings pass: a typo elsewhere is an
     * error, not a silently ignored argument. (Declared here, not in {@link ServerOptions}:
     * picocli reads {@code @Unmatched} on commands only, not on mixins.)
     */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Spec
    CommandSpec spec;

    abstract List<String> springArguments();

    List<String> arguments() {
        List<String> args = new ArrayList<>(springArguments());
        for (String setting : settings) {
            if (!setting.matches("--beton\\.[a-z0-9.-]+=.*")) {
                throw new ParameterException(
                        spec.commandLine(),
                        "Unknown option: '" + setting + "'. Settings are given as --beton.<setting>=<value>"
                                + " (e.g. --beton.attio.base-url=http://127.0.0.1:8001); see --help for the options.");
            }
            args.add(setting);
        }
        return args;
    }

    @Override
    public Integer call() {
        String[] arguments = arguments().toArray(String[]::new);
        SpringApplication application = new SpringApplication(BetonApplication.class);
        StartupProfile.attachIfAsked(application);
        ConfigurableApplicationContext context;
        try {
            context = application.run(arguments);
        } catch (RuntimeException e) {
            // Spring has already printed a short failure report.
            return 1;
        }
        int port = context instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : 8080;
        BackgroundStart background = context.getBean(BackgroundStart.class);
        if (!background.finished().isDone()) {
            // Healthy already; say so, and that the demo world is still being made, then wait for it.
            System.out.println("  Beton answers at http://localhost:" + port
                    + "/ and finishes its first start in the background (the demo world); pages fill when it is done.");
            background.finished().join();
        }
        System.out.println("  Beton is running at http://localhost:" + port + "/  (Ctrl-C to stop)");
        return KEEP_RUNNING;
    }
}
