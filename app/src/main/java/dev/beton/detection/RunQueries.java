package dev.beton.detection;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code detection_run_queries}: the SQL or HogQL each recorded run sent, in order. */
@Repository
class RunQueries {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RunQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(long runId, List<SentQuery> queries) {
        for (int i = 0; i < queries.size(); i++) {
            SentQuery q = queries.get(i);
            jdbc.sql("INSERT INTO detection_run_queries (run_id, query_index, label, dialect, sql_text, parameters)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(runId, i, q.label(), q.dialect(), q.sql(), json.writeValueAsString(q.parameters()))
                    .update();
        }
    }

    List<SentQuery> of(long runId) {
        return jdbc.sql("SELECT label, dialect, sql_text, parameters FROM detection_run_queries WHERE run_id = ?"
                        + " ORDER BY query_index")
                .param(runId)
                .query((rs, row) -> new SentQuery(
                        rs.getString("label"),
                        rs.getString("dialect"),
                        rs.getString("sql_text"),
                        json.readValue(rs.getString("parameters"), OBJECT)))
                .list();
    }
}
