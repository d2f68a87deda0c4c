package dev.beton.detection;

/**
 * The state of what a run queued for PostHog: {@code beton_signal_fired} events and
 * {@code $groupidentify} score updates.
 *
 * @param pending queued, not yet accepted by PostHog (still being retried)
 * @param sent accepted by PostHog's capture
 * @param abandoned given up on: attempts used up, or PostHog would always refuse them
 */
public record PostHogSends(int pending, int sent, int abandoned) {

    public static final PostHogSends NONE = new PostHogSends(0, 0, 0);

    public int total() {
        return pending + sent + abandoned;
    }
}
