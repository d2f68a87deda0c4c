package dev.beton.signals;

import static dev.beton.query.Expressions.argMaxIf;
import static dev.beton.query.Expressions.asOf;
import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.countIf;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.hasProperty;
import static dev.beton.query.Expressions.lt;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.textOrEmpty;
import static dev.beton.query.Expressions.toText;
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
 * holds the values set. As of {@code asOf} a property is what the latest {@code $groupidentify}
 * before {@code asOf} that <em>names</em> it said: a recorded {@code null} or {@code ""} means unset
 * from then on, and text that is not a number where a number is needed means "not a number" — never
 * an older value. No such event means unknown: the current group properties are used only when the
 * caller allows present-day values (a live run), and the evidence then says so.
 */
final class RecordedGroupProperties {

    static final String CTE = "recorded";
    private static final String GROUP_IDENTIFY = "$groupidentify";

    /** One property to recover: its name in {@code $group_set} and whether it is read as a number. */
    record Property(String alias, String name, boolean numeric) {}

    /** Where the value used as of {@code asOf} came from, as the evidence names it. */
    enum Source {
        RECORDED("$groupidentify before asOf"),
        UNSET("unset by $groupidentify before asOf"),
        NOT_A_NUMBER("not a number as of asOf"),
        NO_HISTORY("no value recorded before asOf"),
        PRESENT_DAY("present-day group properties (no history before asOf)");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A property as of {@code asOf}: {@code value} is present only when it can be used. */
    record Reading(Source source, Optional<String> value) {

        Optional<Double> number() {
            return value.flatMap(RecordedGroupProperties::parseNumber);
        }

        boolean presentDay() {
            return source == Source.PRESENT_DAY;
        }
    }

    private RecordedGroupProperties() {}

    /**
     * Per company key: for each property, the value of the latest {@code $groupidentify} before
     * {@code asOf} that names it, as text with null as {@code ''} ({@code alias}), and how many such
     * events named it ({@code alias_updates}).
     */
    static Query latestBeforeAsOf(List<Property> properties) {
        List<SelectItem> items = new ArrayList<>();
        // toText: PostHog types $group_key and $group_type from their first values; a company
        // key of digits would be Numeric, and comparing a Float with text is a ClickHouse error.
        Expr key = toText(eventProperty("$group_key"));
        items.add(SelectItem.of(key, AccountQueries.ACCOUNT));
        for (Property property : properties) {
            Expr.EventProperty raw = eventProperty("$group_set", property.name());
            Expr named = hasProperty(raw);
            items.add(SelectItem.of(argMaxIf(textOrEmpty(raw), timestamp(), named), property.alias()));
            items.add(SelectItem.of(countIf(named), property.alias() + "_updates"));
        }
        return Query.select(items.toArray(SelectItem[]::new))
                .where(eq(AccountQueries.event(), param("group_identify_event", GROUP_IDENTIFY)))
                .where(eq(toText(eventProperty("$group_type")), param("company_group_type", CompanyGroupType.NAME)))
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
     * Reads a property as of {@code asOf}. The update count guards against engines that fill
     * unmatched LEFT JOIN columns with defaults instead of NULL.
     *
     * @param presentDay the current group property, used only when {@code presentDayAllowed} and
     *     nothing was recorded before {@code asOf}
     */
    static Reading read(ResultRows.Row row, Property property, Optional<String> presentDay, boolean presentDayAllowed) {
        if (row.count("recorded_" + property.alias() + "_updates") > 0) {
            String text = row.text("recorded_" + property.alias()).orElse("").strip();
            if (text.isEmpty()) {
                return new Reading(Source.UNSET, Optional.empty());
            }
            if (property.numeric() && parseNumber(text).isEmpty()) {
                return new Reading(Source.NOT_A_NUMBER, Optional.empty());
            }
            return new Reading(Source.RECORDED, Optional.of(text));
        }
        Optional<String> current = presentDay.filter(v -> !v.isBlank());
        if (presentDayAllowed && current.isPresent()) {
            return new Reading(Source.PRESENT_DAY, current);
        }
        return new Reading(Source.NO_HISTORY, Optional.empty());
    }

    /** Marks a summary whose numbers include present-day values, so that the receipt says it too. */
    static String marked(String summary, Reading... readings) {
        for (Reading reading : readings) {
            if (reading.presentDay()) {
                return summary + " [present-day value: no history before asOf]";
            }
        }
        return summary;
    }

    private static Optional<Double> parseNumber(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
