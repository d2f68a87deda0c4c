package dev.beton.workspace;

import dev.beton.boot.BetonProperties;
import dev.beton.boot.StartupProblem;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the very first start (no user yet) creates the admin and a first workspace. In demo mode the
 * password is generated and printed once; in {@code serve} mode it must come from the
 * environment, so an internet-facing instance never starts with a password nobody chose.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstStart implements ApplicationRunner {

    static final String DEMO_ADMIN_EMAIL = "admin@beton.local";
    static final String DEMO_WORKSPACE_SLUG = "demo";

    private final Users users;
    private final Workspaces workspaces;
    private final BetonProperties properties;

    FirstStart(Users users, Workspaces workspaces, BetonProperties properties) {
        this.users = users;
        this.workspaces = workspaces;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        BetonProperties.Admin admin = properties.admin();
        if (properties.demo()) {
            String email = admin.emailIfSet().orElse(DEMO_ADMIN_EMAIL);
            Optional<String> chosen = admin.passwordIfSet();
            String password = chosen.orElseGet(OneTimePasswords::next);
            User user = users.create(email, password, true);
            workspaces.create("Demo", Optional.of(DEMO_WORKSPACE_SLUG), user.id());
            printCredentials(email, chosen.isPresent() ? "(the password from BETON_ADMIN_PASSWORD)" : password);
            return;
        }
        String email = admin.emailIfSet().orElseThrow(FirstStart::missingAdmin);
        String password = admin.passwordIfSet().orElseThrow(FirstStart::missingAdmin);
        User user = users.create(email, password, true);
        workspaces.create("Default", Optional.of("default"), user.id());
    }

    // Printed to the console on purpose, once, and never logged: logs are often shipped elsewhere.
    private static void printCredentials(String email, String password) {
        System.out.println();
        System.out.println("  First start: created the admin user and the demo workspace.");
        System.out.println("    email:    " + email);
        System.out.println("    password: " + password);
        System.out.println("  This password is shown only now. Keep it.");
        System.out.println();
    }

    private static StartupProblem missingAdmin() {
        return new StartupProblem(
                "No user exists yet and BETON_ADMIN_EMAIL / BETON_ADMIN_PASSWORD are not both set.",
                "Set BETON_ADMIN_EMAIL and BETON_ADMIN_PASSWORD (8+ characters) for the first start, or run ./beton demo.");
    }
}
