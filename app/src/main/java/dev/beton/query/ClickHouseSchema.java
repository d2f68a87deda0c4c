package dev.beton.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where PostHog-style CDP data sits in a ClickHouse database: table and column names for events,
 * persons, person-distinct-ids and accounts, and which event property names an event's account.
 * {@link #posthogStyle()} is the default (the seed's schema). Every name is a plain SQL name
 * (letters, digits, underscore), so that a mapping can never smuggle SQL into a rendering.
 *
 * @param eventPersonId the events column with the person id, or "" when events carry none and the
 *     person is found through {@code personDistinctIdTable} instead
 * @param accountLinkProperty the event property whose value is the account's key, e.g. {@code
 *     company_domain}
 * @param accountKey the accounts column that the link property's value matches, e.g. {@code domain}
 * @param accountColumns accounts columns read as columns when a query asks for a group property of
 *     that name; other names are read from {@code accountProperties} (JSON text)
 * @param accountGroupIndex the group type index under which queries address the account (what
 *     PostHog and the embedded store call the company group type)
 */
public record ClickHouseSchema(
        String eventsTable,
        String eventName,
        String eventDistinctId,
        String eventTimestamp,
        String eventProperties,
        String eventPersonId,
        String personsTable,
        String personId,
        String personProperties,
        String personDistinctIdTable,
        String distinctIdPersonId,
        String distinctIdColumn,
        String accountsTable,
        String accountKey,
        List<String> accountColumns,
        String accountProperties,
        PropertyName accountLinkProperty,
        int accountGroupIndex) {

    public ClickHouseSchema {
        Identifiers.sqlName("events table", eventsTable);
        Identifiers.sqlName("event name column", eventName);
        Identifiers.sqlName("distinct id column", eventDistinctId);
        Identifiers.sqlName("timestamp column", eventTimestamp);
        Identifiers.sqlName("event properties column", eventProperties);
        if (!eventPersonId.isEmpty()) {
            Identifiers.sqlName("event person id column", eventPersonId);
        }
        Identifiers.sqlName("persons table", personsTable);
        Identifiers.sqlName("person id column", personId);
        Identifiers.sqlName("person properties column", personProperties);
        Identifiers.sqlName("person-distinct-id table", personDistinctIdTable);
        Identifiers.sqlName("person-distinct-id person column", distinctIdPersonId);
        Identifiers.sqlName("person-distinct-id distinct id column", distinctIdColumn);
        Identifiers.sqlName("accounts table", accountsTable);
        Identifiers.sqlName("account key column", accountKey);
        accountColumns = List.copyOf(accountColumns);
        accountColumns.forEach(c -> Identifiers.sqlName("account column", c));
        Identifiers.sqlName("account properties column", accountProperties);
        Objects.requireNonNull(accountLinkProperty, "accountLinkProperty");
        Identifiers.groupIndex(accountGroupIndex);
    }

    /** The seed's PostHog-style schema: {@code events}, {@code persons}, {@code person_distinct_id}, {@code accounts}. */
    public static ClickHouseSchema posthogStyle() {
        return new ClickHouseSchema(
                "events",
                "event",
                "distinct_id",
                "timestamp",
                "properties",
                "person_id",
                "persons",
                "id",
                "properties",
                "person_distinct_id",
                "person_id",
                "distinct_id",
                "accounts",
                "domain",
                List.of("account_id", "name", "domain", "arr", "segment", "owner_email"),
                "properties",
                PropertyName.of("company_domain"),
                0);
    }

    /** The mapping as flat settings (name to value), for storage and forms. */
    public Map<String, String> toSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("events_table", eventsTable);
        settings.put("event_name", eventName);
        settings.put("event_distinct_id", eventDistinctId);
        settings.put("event_timestamp", eventTimestamp);
        settings.put("event_properties", eventProperties);
        settings.put("event_person_id", eventPersonId);
        settings.put("persons_table", personsTable);
        settings.put("person_id", personId);
        settings.put("person_properties", personProperties);
        settings.put("person_distinct_id_table", personDistinctIdTable);
        settings.put("distinct_id_person_id", distinctIdPersonId);
        settings.put("distinct_id_column", distinctIdColumn);
        settings.put("accounts_table", accountsTable);
        settings.put("account_key", accountKey);
        settings.put("account_columns", String.join(",", accountColumns));
        settings.put("account_properties", accountProperties);
        settings.put("account_link_property", accountLinkProperty.value());
        return settings;
    }

    /**
     * Reads {@link #toSettings()}'s form; a missing or blank entry takes the default's value.
     *
     * @throws IllegalArgumentException naming the first invalid entry
     */
    public static ClickHouseSchema fromSettings(Map<String, String> settings) {
        Map<String, String> values = new LinkedHashMap<>(posthogStyle().toSettings());
        settings.forEach((name, value) -> {
            if (values.containsKey(name) && value != null && (!value.isBlank() || name.equals("event_person_id"))) {
                values.put(name, value.strip());
            }
        });
        List<String> columns = values.get("account_columns").isBlank()
                ? List.of()
                : java.util.Arrays.stream(values.get("account_columns").split(","))
                        .map(String::strip)
                        .filter(c -> !c.isEmpty())
                        .toList();
        return new ClickHouseSchema(
                values.get("events_table"),
                values.get("event_name"),
                values.get("event_distinct_id"),
                values.get("event_timestamp"),
                values.get("event_properties"),
                values.get("event_person_id"),
                values.get("persons_table"),
                values.get("person_id"),
                values.get("person_properties"),
                values.get("person_distinct_id_table"),
                values.get("distinct_id_person_id"),
                values.get("distinct_id_column"),
                values.get("accounts_table"),
                values.get("account_key"),
                columns,
                values.get("account_properties"),
                PropertyName.of(values.get("account_link_property")),
                posthogStyle().accountGroupIndex());
    }

    public ClickHouseSchema withAccountGroupIndex(int index) {
        return new ClickHouseSchema(
                eventsTable,
                eventName,
                eventDistinctId,
                eventTimestamp,
                eventProperties,
                eventPersonId,
                personsTable,
                personId,
                personProperties,
                personDistinctIdTable,
                distinctIdPersonId,
                distinctIdColumn,
                accountsTable,
                accountKey,
                accountColumns,
                accountProperties,
                accountLinkProperty,
                index);
    }
}
