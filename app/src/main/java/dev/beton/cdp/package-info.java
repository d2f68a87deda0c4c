/**
 * CRM → analytics (issue 14): Attio companies, people and deals into the workspace's PostHog (as
 * groups and persons, through the durable outbox) and into its embedded store (with history).
 * Reads go through {@code routing.AttioReads} (the deal pipeline's budget and breaker).
 */
package dev.beton.cdp;
