package dev.beton.boot;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The connection settings behind {@code DATABASE_URL}. Accepts the JDBC form ({@code
 * jdbc:postgresql://host:5432/db?user=u}) and the libpq form that Supabase, Railway and Heroku
 * hand out ({@code postgresql://user:pass@host:5432/db?sslmode=require}), whose credentials JDBC
 * does not understand inside the URL.
 */
record DatabaseUrl(String jdbcUrl, Optional<String> username, Optional<String> password) {

    static DatabaseUrl parse(String raw) {
        String value = raw.strip();
        if (value.startsWith("jdbc:")) {
            if (!value.startsWith("jdbc:postgresql:") && !value.startsWith("jdbc:h2:")) {
                throw malformed("only PostgreSQL (jdbc:postgresql:…) and H2 (jdbc:h2:…) are supported");
            }
            return new DatabaseUrl(value, Optional.empty(), Optional.empty());
        }
        if (!value.startsWith("postgresql://") && !value.startsWith("postgres://")) {
            throw malformed("it must start with postgresql://, postgres:// or jdbc:postgresql://");
        }
        return fromLibpq(value);
    }

    private static DatabaseUrl fromLibpq(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw malformed("it is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw malformed("it names no host");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isBlank()) {
            throw malformed("it names no database (add /dbname after the host)");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database + query;
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(parts[0]));
            if (parts.length == 2) {
                password = Optional.of(decode(parts[1]));
            }
        }
        return new DatabaseUrl(jdbc, user, password);
    }

    /** Where the database is, without credentials: safe to print. */
    String describe() {
        return jdbcUrl.replaceFirst("\\?.*$", "");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + describe() + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static StartupProblem malformed(String why) {
        return new StartupProblem(
                "DATABASE_URL is malformed: " + why + ".",
                "Set DATABASE_URL to postgresql://user:password@host:5432/database, or unset it to use the embedded store.");
    }
}
