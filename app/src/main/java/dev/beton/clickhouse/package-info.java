/**
 * ClickHouse holding PostHog-style CDP data as an event source: the connection to one server
 * through the official Java client (client-v2, HTTP interface), and the runner that binds and runs
 * {@link dev.beton.query.Dialect#CLICKHOUSE} renderings on it. See docs/CLICKHOUSE.md.
 */
package dev.beton.clickhouse;
