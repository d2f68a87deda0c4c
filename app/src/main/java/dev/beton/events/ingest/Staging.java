package dev.beton.events.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Temporary tables on the writer connection. Rows reach DuckDB through its Appender (plain JDBC
 * batches are ~70 times slower), land in a temp table, and one set-based statement moves them into
 * the real table with the right conflict rule.
 */
final class Staging {

    static final String PERSONS = "ingest_persons";
    static final String NEW_PERSONS = "ingest_new_persons";
    static final String LINKS = "ingest_links";
    static final String NEW_LINKS = "ingest_new_links";
    static final String GROUPS = "ingest_groups";
    static final String NEW_GROUPS = "ingest_new_groups";
    static final String IDS = "ingest_ids";
    static final String PERSON_IDS = "ingest_person_ids";
    static final String GROUP_KEYS = "ingest_group_keys";
    static final String KEYS = "ingest_event_keys";

    private static final String[] ALL = {
        PERSONS, NEW_PERSONS, LINKS, NEW_LINKS, GROUPS, NEW_GROUPS, IDS, PERSON_IDS, GROUP_KEYS, KEYS
    };

    /**
     * Per writer connection, the tables an appender was opened on since they were last cleared.
     * Only they are cleared before the next commit: a DELETE, even of an empty temp table, is a
     * statement and a transaction of its own (0.5–1 ms on a loaded 2-core machine), so clearing
     * every table before every commit cost several milliseconds a commit (~10 µs an event of a
     * CRM sync page, far more for a capture request of a few events).
     */
    private static final Map<Connection, Set<String>> USED = Collections.synchronizedMap(new WeakHashMap<>());

    private Staging() {}

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : new String[] {PERSONS, NEW_PERSONS}) {
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + table + " AS SELECT * FROM persons LIMIT 0");
            }
            for (String table : new String[] {LINKS, NEW_LINKS}) {
                statement.execute(
                        "CREATE TEMP TABLE IF NOT EXISTS " + table + " AS SELECT * FROM person_distinct_ids LIMIT 0");
            }
            for (String table : new String[] {GROUPS, NEW_GROUPS}) {
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + table + " AS SELECT * FROM groups LIMIT 0");
            }
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + IDS + " (id VARCHAR)");
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + PERSON_IDS + " (id UUID)");
            statement.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS " + GROUP_KEYS + " (group_type_index INTEGER, group_key VARCHAR)");
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + KEYS + " (uuid UUID, timestamp TIMESTAMP)");
        }
        clearAll(connection);
    }

    /** Empties every staging table (after they were created: what an earlier process left). */
    static void clearAll(Connection connection) throws SQLException {
        used(connection).addAll(Set.of(ALL));
        clear(connection);
    }

    /** Empties the staging tables rows were appended to since the last clear. */
    static void clear(Connection connection) throws SQLException {
        Set<String> used = used(connection);
        try (Statement statement = connection.createStatement()) {
            for (String table : ALL) {
                if (used.contains(table)) {
                    statement.execute("DELETE FROM " + table);
                    used.remove(table);
                }
            }
        }
    }

    static DuckDBAppender appender(Connection connection, String table) throws SQLException {
        used(connection).add(table);
        return connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", table);
    }

    private static Set<String> used(Connection connection) {
        return USED.computeIfAbsent(connection, c -> Collections.synchronizedSet(new LinkedHashSet<>()));
    }

    static int execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
