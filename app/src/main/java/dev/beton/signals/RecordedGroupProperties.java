package dev.beton.signals;

import static dev.beton.query.Expressions.argMaxIf;
import static dev.beton.query.Expressions.asOf;
import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.countIf;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.isNotNull;
import static dev.beton.query.Expressions.lt;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.toNumber;
import static dev.beton.signals.AccountQueries.timestamp;

import dev.beton.query.Expr;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Company group properties as they were before {@code asOf}. PostHog keeps only the latest group
 * properties, but every change arrives as a {@code $groupidentify} event whose {@code $group_set}
 * holds the values set; the latest such value before {@code asOf} is what the account looked like
 * then. Signals fall back to the current group properties for accounts with no such history, and
 * say so in their evidence.
 */
final class RecordedGroupProperties {

    static final String CTE = "recorded";
    private static final String GROUP_IDENTIFY = "$groupidentify";

    /** One property to recover: its name in {@code $group_set} and whether it is read as a number. */
    record Property(String alias, String name, boolean numeric) {}

    private RecordedGroupProperties() {}

    /**
     * Per company key: for each property, its latest value set before {@code asOf} ({@code alias})
     * and how many {@code $groupidentify} events set it ({@code alias_updates}).
     */
    static Query latestBeforeAsOf(List<Property> properties) {
        List<SelectItem> items = new ArrayList<>();
        Expr key = eventProperty("$group_key");
        items.add(SelectItem.of(key, AccountQueries.ACCOUNT));
        for (Property property : properties) {
            Expr raw = eventProperty("$group_set", property.name());
            Expr value = property.numeric() ? toNumber(raw) : raw;
            Expr isSet = property.numeric() ? isNotNull(value) : notBlank(value);
            items.add(SelectItem.of(argMaxIf(value, timestamp(), isSet), property.alias()));
            items.add(SelectItem.of(countIf(isSet), property.alias() + "_updates"));
        }
        return Query.select(items.toArray(SelectItem[]::new))
                .where(eq(AccountQueries.event(), param("group_identify_event", GROUP_IDENTIFY)))
                .where(eq(eventProperty("$group_type"), param("company_group_type", CompanyGroupType.NAME)))
                .where(lt(timestamp(), asOf()))
                .groupBy(key)
                .build();
    }

    /** The outer query's columns for a property: {@code recorded_<alias>} and {@code recorded_<alias>_updates}. */
    static List<SelectItem> selectedFrom(String source, Property property) {
        return List.of(
                SelectItem.of(column(source, property.alias()), "recorded_" + property.alias()),
                SelectItem.of(
                        column(source, property.alias() + "_updates"), "recorded_" + property.alias() + "_updates"));
    }

    /**
     * The recorded value when a {@code $groupidentify} set it; the update count guards against
     * engines that fill unmatched LEFT JOIN columns with defaults instead of NULL.
     */
    static Optional<String> recordedText(ResultRows.Row row, String alias) {
        return row.count("recorded_" + alias + "_updates") > 0 ? row.text("recorded_" + alias) : Optional.empty();
    }

    static Optional<Double> recordedNumber(ResultRows.Row row, String alias) {
        return row.count("recorded_" + alias + "_updates") > 0 ? row.number("recorded_" + alias) : Optional.empty();
    }

    /** Where a value came from, for the evidence. */
    static String source(Optional<?> recorded) {
        return recorded.isPresent() ? "$groupidentify before asOf" : "current group properties";
    }
}
