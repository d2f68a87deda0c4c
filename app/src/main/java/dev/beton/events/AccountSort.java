package dev.beton.events;

import java.util.Locale;

/** The columns the account list can be sorted by; anything else falls back to recency. */
public enum AccountSort {
    KEY("key"),
    NAME("name"),
    EVENTS("events"),
    ACTIVE_USERS("active_users"),
    LAST_SEEN("last_seen");

    final String column;

    AccountSort(String column) {
        this.column = column;
    }

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountSort fromParam(String value) {
        for (AccountSort sort : values()) {
            if (sort.param().equalsIgnoreCase(value == null ? "" : value)) {
                return sort;
            }
        }
        return LAST_SEEN;
    }
}
