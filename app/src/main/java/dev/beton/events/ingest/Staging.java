package dev.beton.events.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Temporary tables on the writer connection. Rows reach DuckDB through its Appender (plain JDBC
 * batches are ~70 times slower), land in a temp table, and one set-based statement moves them into
 * the real table with the right conflict rule.
 */
final class Staging {

    static final String PERSONS = "ingest_persons";
    static final String LINKS = "ingest_links";
    static final String GROUPS = "ingest_groups";
    static final String IDS = "ingest_ids";
    static final String PERSON_IDS = "ingest_person_ids";
    static final String GROUP_KEYS = "ingest_group_keys";
    static final String KEYS = "ingest_event_keys";

    private Staging() {}

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + PERSONS + " AS SELECT * FROM persons LIMIT 0");
            statement.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS " + LINKS + " AS SELECT * FROM person_distinct_ids LIMIT 0");
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + GROUPS + " AS SELECT * FROM groups LIMIT 0");
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + IDS + " (id VARCHAR)");
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + PERSON_IDS + " (id UUID)");
            statement.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS " + GROUP_KEYS + " (group_type_index INTEGER, group_key VARCHAR)");
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + KEYS + " (uuid UUID, timestamp TIMESTAMP)");
        }
        clear(connection);
    }

    static void clear(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : new String[] {PERSONS, LINKS, GROUPS, IDS, PERSON_IDS, GROUP_KEYS, KEYS}) {
                statement.execute("DELETE FROM " + table);
            }
        }
    }

    static DuckDBAppender appender(Connection connection, String table) throws SQLException {
        return connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", table);
    }

    static int execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
