package dev.beton.connections;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The ClickHouse settings a form or the API sends. A blank password keeps the stored one; the
 * schema mapping's missing entries take the PostHog-style defaults.
 */
record ClickHouseConnectRequest(
        String host,
        Integer port,
        String user,
        String password,
        String database,
        Boolean tls,
        @JsonProperty("schema") Map<String, String> schema) {

    @Override
    public String toString() {
        return "ClickHouseConnectRequest[host=" + host + ", port=" + port + ", user=" + user + ", password="
                + (password == null || password.isEmpty() ? "none" : "***") + ", database=" + database + ", tls="
                + tls + ", schema=" + schema + "]";
    }
}
