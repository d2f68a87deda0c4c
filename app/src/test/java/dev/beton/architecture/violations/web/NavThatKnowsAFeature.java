package dev.beton.architecture.violations.web;

import dev.beton.architecture.violations.alpha.Alpha;

/** The web kernel reaching into a feature. */
public class NavThatKnowsAFeature {
    public Alpha feature() {
        return new Alpha();
    }
}
