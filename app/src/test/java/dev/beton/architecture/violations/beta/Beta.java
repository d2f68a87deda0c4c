package dev.beton.architecture.violations.beta;

import dev.beton.architecture.violations.alpha.Alpha;

/** Closes the cycle with {@link Alpha}. */
public class Beta {
    public Alpha alpha() {
        return new Alpha();
    }
}
