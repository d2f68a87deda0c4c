package dev.beton.events.demo;

import java.util.List;

/**
 * One demo account and its hidden truth. Days are counted from the first day of the generated
 * window; {@code -1} means "never".
 *
 * @param intent hidden buying intent in [0, 1]: drives the signals before a conversion
 * @param startPlan the plan at sign-up (free or trial)
 * @param signupDay first day of activity (may be before the window: negative)
 * @param users how many people the account has at the end (the first signs up, others join)
 * @param convertDay the day it converts to {@code convertsTo}, or -1; may lie after the window
 *     (a buyer still building up "now", whose conversion the window does not see)
 * @param loud whether the conversion is preceded by clear signals (some buyers are quiet)
 * @param churnDay the day it stops using the product, or -1
 * @param spikeDays start days of usage spikes that are only noise
 * @param downgradeDay the day a paying account moves down a plan, or -1
 * @param paymentFailDay the day a paying account's card fails once, or -1
 */
record AccountProfile(
        int index,
        String key,
        String name,
        String domain,
        String industry,
        int employees,
        double intent,
        Plan startPlan,
        int signupDay,
        int users,
        int convertDay,
        Plan convertsTo,
        boolean loud,
        int churnDay,
        List<Integer> spikeDays,
        int downgradeDay,
        int paymentFailDay) {

    boolean converts() {
        return convertDay >= 0;
    }

    /** Whether the conversion happens inside a window of {@code days} days (not after it). */
    boolean convertsWithin(int days) {
        return converts() && convertDay < days;
    }

    boolean churns() {
        return churnDay >= 0;
    }
}
