/**
 * The query model: an immutable AST ({@link dev.beton.query.Query}, {@link dev.beton.query.Expr}, built
 * with {@link dev.beton.query.Expressions}),
 * time windows relative to {@code asOf} ({@link dev.beton.query.TimeWindow}), renderers for DuckDB
 * and HogQL ({@link dev.beton.query.Dialect}) that bind every value as a parameter, and the
 * versioned {@link dev.beton.query.QueryLibrary}. Rows come back as {@link
 * dev.beton.query.ResultRows} through a {@link dev.beton.query.QueryRunner}. See {@code
 * docs/QUERY-MODEL.md}.
 */
package dev.beton.query;
