/**
 * Firmographics of accounts (issue 17 §4): industry, size, ARR, location and owner, read from the
 * Attio records the CDP sync mirrored into the embedded store, or — for the demo, without Attio —
 * simulated deterministically, stored apart and labelled "simulated" wherever they appear.
 */
package dev.beton.enrichment;
