/**
 * The data explorer (issue 17 §2): accounts, users and events as sortable, filterable, paginated
 * tables with Excel-safe CSV export, a person view, exploratory views of a period (volume, top
 * events, users and accounts) and the issue-14 preset "feature adoption for companies with >
 * $100K deal value". Answered by the embedded store.
 */
package dev.beton.explorer;
