package dev.beton.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, headers and defaults: adding an existing user to a workspace answered differently from
 * adding a new email (no one-time password), so any workspace admin could learn who has a Beton
 * account. Now both are invitations with the same answer and the same link page, and the link goes
 * by mail to the invited address, so only the mailbox's owner learns it, by typing a password.
 */
class AddingAMemberRevealsAccountsTest extends SecurityRegression {

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Test
    void invitingAnExistingAndANewEmailLooksTheSame() {
        Http http = new Http(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = workspaces.create(
                "Probe " + suffix,
                Optional.of("probe-" + suffix),
                users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id());
        String existing = "has-account-" + suffix + "@test.beton";
        users.create(existing, "their-own-password", false);
        String unknown = "no-account-" + suffix + "@test.beton";

        var a = http.postJson(
                "/api/v1/members?workspace=" + workspace.slug(), Http.adminBasic(), "{\"email\":\"" + existing + "\"}");
        var b = http.postJson(
                "/api/v1/members?workspace=" + workspace.slug(), Http.adminBasic(), "{\"email\":\"" + unknown + "\"}");

        assertThat(a.status()).isEqualTo(b.status()).isEqualTo(202);
        assertThat(fieldNames(a.json())).isEqualTo(fieldNames(b.json()));
        assertThat(a.json().get("status")).isEqualTo(b.json().get("status"));
        assertThat(a.json().get("delivery").asString())
                .isEqualTo(b.json().get("delivery").asString())
                .isEqualTo("email");
        assertThat(a.json().has("invitationUrl"))
                .as("the admin never sees the link")
                .isFalse();

        String pageA = http.get(path(mailedLink(existing)), null).body();
        String pageB = http.get(path(mailedLink(unknown)), null).body();
        assertThat(comparable(pageA, existing))
                .as("the link page is the same for both, up to the email, token and CSRF token")
                .isEqualTo(comparable(pageB, unknown));
    }

    @Test
    void anExistingAccountJoinsOnlyWithItsOwnPasswordAndTheLinkWorksOnce() {
        Http http = new Http(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = workspaces.create(
                "Join " + suffix,
                Optional.of("join-" + suffix),
                users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id());
        String existing = "member-" + suffix + "@test.beton";
        users.create(existing, "their-own-password", false);
        http.postJson(
                "/api/v1/members?workspace=" + workspace.slug(), Http.adminBasic(), "{\"email\":\"" + existing + "\"}");
        String link = mailedLink(existing);

        Page page = chromium.newPage();
        page.navigate(link);
        assertThat(page.locator("#invite-summary")).containsText("Join " + suffix);
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "invite");
        page.getByLabel("Password: your Beton password if this email already has an account, otherwise a new one"
                        + " (8 to 72 characters)")
                .fill("a-wrong-guess");
        page.click("button:has-text('Join')");
        assertThat(page.locator("#invite-error")).containsText("not the password");
        assertThat(workspaces.membership(users.byEmail(existing).orElseThrow().id(), workspace.id()))
                .isEmpty();

        page.locator("#invite-password").fill("their-own-password");
        page.click("button:has-text('Join')");
        assertThat(page.locator("#joined")).containsText("You joined");
        assertThat(workspaces.membership(users.byEmail(existing).orElseThrow().id(), workspace.id()))
                .isPresent();

        page.navigate(link);
        assertThat(page.locator("#invite-closed")).containsText("used, revoked or has expired");
        page.close();
    }

    private static String comparable(String page, String email) {
        return page.replace(email, "EMAIL")
                .replaceAll("(name=\"_csrf\" (?:content|value)=\")[^\"]*", "$1")
                .replaceAll("/invite/[A-Za-z0-9_-]+", "/invite/T");
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/invite/"));
    }

    /** The link in the newest invitation mailed to {@code email}, waiting for its delivery. */
    private static String mailedLink(String email) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> Arrays.stream(smtp.getReceivedMessages())
                                .filter(m -> recipient(m).equalsIgnoreCase(email))
                                .map(AddingAMemberRevealsAccountsTest::text)
                                .map(body -> {
                                    Matcher link = Pattern.compile("http\\S+/invite/[A-Za-z0-9_-]+")
                                            .matcher(body);
                                    return link.find() ? link.group() : null;
                                })
                                .filter(java.util.Objects::nonNull)
                                .reduce((first, second) -> second)
                                .orElse(null),
                        java.util.Objects::nonNull);
    }

    private static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>(node.propertyNames());
        names.sort(null);
        return names;
    }
}
