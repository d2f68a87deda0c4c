package dev.beton.events.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo world {@code ./beton demo} generates on first start ({@code beton.demo-world.*};
 * {@code --preset}, {@code --accounts}, {@code --days}, {@code --seed} on the command line).
 */
@ConfigurationProperties("beton.demo-world")
public record DemoWorldProperties(
        @DefaultValue("realistic") String preset,
        @DefaultValue("200") int accounts,
        @DefaultValue("180") int days,
        @DefaultValue("42") long seed) {

    public DemoWorldSpec spec() {
        return new DemoWorldSpec(DemoWorldSpec.Preset.of(preset), accounts, days, seed);
    }
}
