/**
 * The eight product-qualified-lead signals, their cooldown and the composite score — plain Java,
 * evaluated as of an instant.
 *
 * <p>Public surface: {@link dev.beton.signals.SignalSettings} (with {@link
 * dev.beton.signals.EventMapping}) and its per-field {@link dev.beton.signals.SettingsError}s;
 * {@link dev.beton.signals.SignalCatalog}, which specialises the definitions to a workspace and
 * renders, evaluates and runs them; {@link dev.beton.signals.CooldownPolicy}; {@link
 * dev.beton.signals.Scorer} and its {@link dev.beton.signals.ScoreReceipt}. The definitions
 * themselves are package-private.
 *
 * <p>A detector, step by step:
 *
 * <pre>{@code
 * SignalCatalog catalog = SignalCatalog.of(settings, companyIndex);   // index from group types
 * for (SignalQuery q : catalog.queries(asOf, Dialect.HOGQL)) {        // one per enabled signal
 *     ResultRows rows = posthog.run(q.rendered());                     // sql() + namedValues()
 *     detected.addAll(catalog.evaluate(q, rows));                      // fired signals + evidence
 * }
 * List<SignalOutcome> outcomes = CooldownPolicy.from(settings).apply(detected, lastFired);
 * List<ScoreReceipt> receipts = Scorer.from(settings).scoreAll(asOf, outcomes);
 * }</pre>
 *
 * <p>or all of it at once: {@code catalog.run(asOf, dialect, queryRunner, lastFired)}.
 */
package dev.beton.signals;
