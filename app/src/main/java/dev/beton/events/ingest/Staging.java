package dev.beton.events.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Temporary tables on the writer connection. Rows reach DuckDB through its Appender (plain JDBC
 * batches are ~70 times slower), land in a temp table, and one set-based statement moves them into
 * the real table with the right conflict rule. One instance per writer, which owns the connection
 * the tables live on; the commit's steps get it from the writer.
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
     * The tables appended to since they were last emptied. A DELETE costs ~0.5 ms even on an empty
     * table, and a commit uses three to six of the ten, so emptying all ten took a tenth of a CRM
     * page's commit.
     */
    private final Set<String> filled = new HashSet<>();

    private boolean created;

    /** Makes the tables on the first call, empties the ones filled since on the next ones. */
    void prepare(Connection connection) throws SQLException {
        if (created) {
            clear(connection, List.copyOf(filled));
        } else {
            create(connection);
            created = true;
        }
    }

    /** Makes the tables if {@code connection} has none yet and empties all ten. */
    void create(Connection connection) throws SQLException {
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
        clear(connection, List.of(ALL));
    }

    private void clear(Connection connection, List<String> tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("DELETE FROM " + table);
            }
        }
        filled.clear();
    }

    DuckDBAppender appender(Connection connection, String table) throws SQLException {
        filled.add(table);
        return connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", table);
    }

    static int execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
