/**
 * Backtests: replay detection as of each past day with the production signal definitions and a
 * given settings version (cooldowns included), and score the replay against the deals in the CRM
 * mirror ({@code crm_deals}): precision, recall, lift, conversion by score bucket, time to close
 * and threshold what-if curves. See docs/BACKTESTING.md.
 */
package dev.beton.backtest;
