package dev.beton.events.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
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
        clear(connection, java.util.Arrays.asList(ALL));
    }

    /**
     * The tables the writer thread appended to since it last cleared them. Each writer thread owns
     * one workspace's connection; a DELETE costs ~0.5 ms even on an empty table, and a commit uses
     * three to six of the ten, so emptying all ten took a tenth of a CRM page's commit.
     */
    private static final ThreadLocal<Set<String>> FILLED = ThreadLocal.withInitial(HashSet::new);

    /** Empties the tables this thread appended to since the last call. */
    static void clear(Connection connection) throws SQLException {
        clear(connection, FILLED.get());
    }

    private static void clear(Connection connection, Iterable<String> tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("DELETE FROM " + table);
            }
        }
        FILLED.get().clear();
    }

    static DuckDBAppender appender(Connection connection, String table) throws SQLException {
        FILLED.get().add(table);
        return connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", table);
    }

    static int execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
