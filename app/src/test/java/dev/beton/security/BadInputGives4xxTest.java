package dev.beton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.PageSession;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11, must fix 8 (this branch's part): inputs that were answered with a 500. Each is a 4xx
 * problem with a sentence now — or, for an upload's file name, simply made harmless.
 */
class BadInputGives4xxTest extends SecurityRegression {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Test
    void aPageFarBeyondTheEndIsA400NotAnOverflow() {
        Http http = new Http(port);
        for (String path : new String[] {"/api/v1/signals?page=2147483647", "/api/v1/accounts?page=2147483647"}) {
            var response = http.get(path, Http.adminBasic());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().get("detail").asString()).as(path).contains("'page' must be between 0 and");
        }
        assertThat(http.get("/api/v1/accounts?page=3", Http.adminBasic()).status())
                .isEqualTo(200);
    }

    @Test
    void anInstantBeyondTheStoresRangeIsA400() {
        Http http = new Http(port);
        for (String after : new String[] {"%2B300000-01-01T00:00:00Z", "-099999-01-01T00:00:00Z"}) {
            var response = http.get("/api/v1/events?after=" + after, Http.adminBasic());
            assertThat(response.status()).as(after).isEqualTo(400);
            assertThat(response.json().get("detail").asString()).contains("between the years 1 and 9999");
        }
    }

    @Test
    void anUploadNamedWithANulIsImportedUnderAHarmlessName() throws Exception {
        PageSession browser = PageSession.admin("http://localhost:" + port);
        String csrf = browser.csrfToken("/events/import");
        HttpResponse<String> plain = upload(browser, csrf, "filename=\"plain.jsonl\"");
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().firstValue("Location").orElse("")).contains("job=");
        // a NUL reaches the file name in several spellings; the multipart parser refuses some (400)
        for (String disposition : new String[] {
            "filename=\"../evil\u0000.jsonl\"",
            "filename*=UTF-8''..%2Fevil%00.jsonl",
            "filename=\"=?UTF-8?B?Li4vZXZpbAAuanNvbmw=?=\"",
            "filename=\"=?UTF-8?Q?..=2Fevil=00.jsonl?=\""
        }) {
            HttpResponse<String> upload = upload(browser, csrf, disposition);
            assertThat(upload.statusCode())
                    .as(disposition + ": " + upload.body())
                    .isBetween(300, 499);
        }
    }

    private static HttpResponse<String> upload(PageSession browser, String csrf, String disposition) throws Exception {
        String boundary = "----beton" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; " + disposition + "\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "{\"event\":\"signed_up\",\"distinct_id\":\"nul-1\",\"timestamp\":\"2026-01-01T00:00:00Z\"}\n\r\n"
                + "--" + boundary + "--\r\n";
        return browser.send(HttpRequest.newBuilder(URI.create(browser.baseUrl() + "/events/import"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    @Test
    void testingAConnectionWhoseKeyTheHostRefusesIsA401WithASentence() {
        Http http = new Http(port);
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = workspaces.create("Refused " + slug, Optional.of(slug), adminId);
        us.faults().revoke(INSTANCE_KEY);
        try {
            var tested = http.postJson(
                    "/api/v1/settings/integrations/posthog/test?workspace=" + workspace.slug(), Http.adminBasic(), "");

            assertThat(tested.status()).as(tested.body()).isEqualTo(401);
            assertThat(tested.json().get("detail").asString()).contains("no longer accepts this key");
        } finally {
            us.faults().clear();
        }
    }
}
