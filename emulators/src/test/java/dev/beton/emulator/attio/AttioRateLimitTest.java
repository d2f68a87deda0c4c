package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioFixture.FULL;
import static dev.beton.emulator.attio.AttioFixture.READ_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AttioRateLimitTest {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    private final MutableClock clock = MutableClock.at("2026-01-05T12:00:00.250Z");
    private AttioEmulator attio;
    private TestHttp http;

    @BeforeEach
    void start() {
        attio = AttioFixture.builder(clock, contract).start();
        http = TestHttp.to(attio.baseUrl()).bearer(FULL);
    }

    @AfterEach
    void stop() {
        attio.close();
    }

    @Test
    void the26thWriteInOneSecondIs429WithAnHttpDateRetryAfter() {
        for (int i = 0; i < 25; i++) {
            assertThat(write(i).status()).isEqualTo(200);
        }

        TestHttp.Reply throttled = write(25);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(throttled.json().path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(throttled.json().path("status_code").asInt()).isEqualTo(429);
        // The window frees at 12:00:01.250; the header has whole seconds, so it says 12:00:02.
        assertThat(throttled.header("Retry-After")).hasValue("Mon, 05 Jan 2026 12:00:02 GMT");
        assertThat(http.post("/v2/objects/companies/records/query", "{}").status())
                .isEqualTo(200);
    }

    @Test
    void theWindowSlidesWithTheClock() {
        for (int i = 0; i < 25; i++) {
            write(i);
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(write(100).status()).isEqualTo(429);

        clock.advance(Duration.ofMillis(1));
        assertThat(write(101).status()).isEqualTo(200);
    }

    @Test
    void readsAllowAHundredPerSecondPerToken() {
        for (int i = 0; i < 100; i++) {
            assertThat(http.get("/v2/self").status()).isEqualTo(200);
        }

        assertThat(http.get("/v2/objects").status()).isEqualTo(429);
        assertThat(http.bearer(READ_ONLY).get("/v2/objects").status()).isEqualTo(200);
    }

    private TestHttp.Reply write(int i) {
        return http.post(
                "/v2/objects/companies/records", "{\"data\":{\"values\":{\"domains\":[\"c" + i + ".example.com\"]}}}");
    }
}
