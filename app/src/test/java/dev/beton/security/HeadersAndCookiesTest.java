package dev.beton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.boot.BetonProperties;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.PageSession;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * Issue 11, must fix 10: no Content-Security-Policy (the pages ran inline script), no
 * Referrer-Policy, SameSite left to the browser, anonymous writes answered 403 about CSRF instead
 * of 401, data files readable by every local user, and {@code /actuator/prometheus} open to any
 * member.
 */
class HeadersAndCookiesTest extends SecurityRegression {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    BetonProperties properties;

    @Autowired
    Environment environment;

    @Test
    void everyAnswerCarriesAContentSecurityPolicyAndAReferrerPolicy() {
        Http http = new Http(port);
        for (String path : List.of("/login", "/api/v1/workspaces", "/actuator/health")) {
            var response = http.get(path, null);
            assertThat(response.header("Content-Security-Policy"))
                    .as(path)
                    .contains("script-src 'self'")
                    .doesNotContain("unsafe-eval")
                    .contains("frame-ancestors 'none'");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
        }
    }

    /** The policy allows no inline script, so no template may carry any. */
    @Test
    void templatesHaveNoInlineScript() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file);
                Matcher script = inlineScript.matcher(html);
                assertThat(script.find()).as(file + " has an inline <script>").isFalse();
                assertThat(handler.matcher(html).find())
                        .as(file + " has an inline event handler")
                        .isFalse();
            }
        }
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnly() throws Exception {
        HttpResponse<String> loggedIn = PageSession.anonymous("http://localhost:" + port)
                .logIn(TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);

        List<String> cookies = loggedIn.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=")
                .containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("HttpOnly"));
    }

    @Test
    void anonymousWritesAreUnauthorizedNotRefusedForCsrf() {
        Http http = new Http(port);
        var write = http.postJson("/api/v1/tokens", null, "{\"name\":\"x\"}");
        var delete = http.delete("/api/v1/tokens/1", null);

        assertThat(write.status()).isEqualTo(401);
        assertThat(write.json().get("detail").asString()).doesNotContain("CSRF");
        assertThat(delete.status()).isEqualTo(401);
    }

    @Test
    void prometheusIsForInstanceAdminsAndTheScrapeTokenOnly() {
        Http http = new Http(port);
        String email = "metrics-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton";
        users.create(email, "member-password", false);

        assertThat(http.get("/actuator/prometheus", Http.basic(email, "member-password"))
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/actuator/prometheus", Http.bearer("not-" + SCRAPE_TOKEN))
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", Http.bearer(SCRAPE_TOKEN)).body())
                .contains("jvm_memory_used_bytes");
        assertThat(http.get("/actuator/prometheus", Http.adminBasic()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/workspaces", Http.bearer(SCRAPE_TOKEN)).status())
                .as("the scrape token opens the metrics and nothing else")
                .isEqualTo(401);
    }

    /**
     * The directories are private (0700) and the stores' files 0600 once Beton is up; files the
     * stores create later start private because {@code ./beton} runs with {@code umask 077}.
     */
    @Test
    void dataFilesAreReadableByTheirOwnerOnly() throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath();
        String h2Url = environment.getProperty("spring.datasource.url", "");
        Path h2File = Path.of(h2Url.substring("jdbc:h2:file:".length(), h2Url.indexOf(';')) + ".mv.db");

        for (Path dir : List.of(dataDir, h2File.getParent())) {
            assertThat(permissions(dir)).as(dir.toString()).isEqualTo("rwx------");
        }
        // The directories are what keeps other users out: H2 rewrites its file later (a new file
        // takes the process umask, which ./beton sets to 077 but this test JVM does not), so the
        // files' own modes are checked at start-up (DataFilePermissions) but not asserted here.
        assertThat(Files.isRegularFile(h2File)).isTrue();
        // the launcher sits at the repository root: this module's directory or its parent
        Path launcher = Files.exists(Path.of("beton")) ? Path.of("beton") : Path.of("..", "beton");
        assertThat(Files.readString(launcher)).contains("umask 077");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
