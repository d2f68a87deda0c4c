package dev.beton.architecture.violations.alpha;

import dev.beton.architecture.violations.beta.Beta;

/** A feature that uses {@link Beta}, which uses it back: a cycle. */
public class Alpha {
    public Beta beta() {
        return new Beta();
    }
}
