package dev.beton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Company resolution's domain matching: the edge cases of what accounts carry. */
class DomainsTest {

    @ParameterizedTest
    @CsvSource({
        "acme.com, acme.com",
        "ACME.com, acme.com",
        "https://www.acme.com/pricing?x=1, acme.com",
        "http://acme.com:8080, acme.com",
        "www.acme.com., acme.com",
        "  shop.acme.co.uk  , shop.acme.co.uk",
        "ann@Acme.com, acme.com",
        "bücher.de, xn--bcher-kva.de",
        "https://BÜCHER.de/x, xn--bcher-kva.de",
        "acme.com#top, acme.com"
    })
    void normalises(String raw, String expected) {
        assertThat(Domains.normalise(raw)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme", "acct-42", "two words.com", "https://", "..", ".acme.com", "ann@"})
    void refusesWhatIsNoDomain(String raw) {
        assertThat(Domains.normalise(raw)).isEmpty();
    }
}
