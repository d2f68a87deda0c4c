package dev.beton.clickhouse;

import java.util.Objects;

/**
 * Where a ClickHouse server answers: its HTTP interface. The password is never part of {@link
 * #toString()}.
 */
public record ClickHouseSettings(String host, int port, String user, String password, String database, boolean tls) {

    public ClickHouseSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        if (host.isBlank()) {
            throw new IllegalArgumentException("The ClickHouse host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The ClickHouse port must be between 1 and 65535, got " + port);
        }
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "The ClickHouse database must be a plain name (letters, digits, underscore), got '" + database
                            + "'");
        }
    }

    public String endpoint() {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[" + user + "@" + endpoint() + "/" + database + ", password "
                + (password.isEmpty() ? "empty" : "set") + "]";
    }
}
