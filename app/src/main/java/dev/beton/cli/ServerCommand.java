package dev.beton.cli;

import dev.beton.BetonApplication;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the web application and leaves it running until Ctrl-C (Spring's shutdown hook). */
abstract class ServerCommand implements Callable<Integer> {

    static final int KEEP_RUNNING = -1;

    abstract List<String> springArguments();

    @Override
    public Integer call() {
        SpringApplication application = new SpringApplication(BetonApplication.class);
        ConfigurableApplicationContext context;
        try {
            context = application.run(springArguments().toArray(String[]::new));
        } catch (RuntimeException e) {
            // Spring has already printed a short failure report.
            return 1;
        }
        int port = context instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : 8080;
        System.out.println("  Beton is running at http://localhost:" + port + "/  (Ctrl-C to stop)");
        return KEEP_RUNNING;
    }
}
