package dev.beton.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import dev.beton.query.ResultRows;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One ClickHouse server through the official client's HTTP transport. Results are asked for with
 * {@code FORMAT JSONCompact} in the statement text and read here, because the client's typed
 * readers need {@code RowBinaryWithNamesAndTypes} and the {@code X-ClickHouse-Format} header,
 * which 18.16 does not have; compression is off because 18.16's HTTP handler fails on the client's
 * compressed responses. Both work on current ClickHouse as well.
 */
public final class ClickHouseServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TIMEOUT_SECONDS = 120;
    /** Column types whose values are numbers, also when JSON quotes them (64-bit and wider). */
    private static final java.util.regex.Pattern NUMBER_TYPE =
            java.util.regex.Pattern.compile("(Nullable\\()?(U?Int(8|16|32|64|128|256)|Float(32|64)|Decimal.*)\\)?");

    private final Client client;
    private final ClickHouseSettings settings;

    private ClickHouseServer(Client client, ClickHouseSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    public static ClickHouseServer open(ClickHouseSettings settings) {
        Client client = new Client.Builder()
                .addEndpoint(settings.endpoint())
                .setUsername(settings.user())
                .setPassword(settings.password())
                .setDefaultDatabase(settings.database())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .build();
        return new ClickHouseServer(client, settings);
    }

    /** {@code SELECT version()}: how a source learns which functions it may use. */
    public String version() {
        return query("SELECT version() AS `version`").list().getFirst().requiredText("version");
    }

    /** Runs a SELECT and returns its rows; numbers as numbers, also those JSON quotes (64-bit). */
    public ResultRows query(String select) {
        String body = send(select + "\nFORMAT JSONCompact");
        JsonNode json = JSON.readTree(body);
        List<String> columns = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        json.path("meta").values().forEach(column -> {
            columns.add(column.path("name").asString());
            numeric.add(NUMBER_TYPE.matcher(column.path("type").asString("")).matches());
        });
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : json.path("data").values()) {
            List<Object> values = new ArrayList<>(columns.size());
            int i = 0;
            for (JsonNode value : row.values()) {
                values.add(plain(value, i < numeric.size() && numeric.get(i)));
                i++;
            }
            rows.add(values);
        }
        return new ResultRows(columns, rows);
    }

    /** Runs a statement without result rows (DDL, INSERT). */
    public void execute(String statement) {
        send(statement);
    }

    private String send(String sql) {
        try (QueryResponse response = client.query(sql, inDatabase()).get(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS)) {
            return new String(response.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseFailure("Interrupted while waiting for ClickHouse at " + settings.endpoint(), e);
        } catch (ExecutionException e) {
            throw new ClickHouseFailure(sentence(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new ClickHouseFailure(
                    "ClickHouse at " + settings.endpoint() + " did not answer within " + TIMEOUT_SECONDS + " seconds",
                    e);
        } catch (ClickHouseFailure e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseFailure(sentence(e), e);
        }
    }

    /**
     * The database also as the {@code database} URL parameter: 18.16 ignores the client's {@code
     * X-ClickHouse-Database} header.
     */
    private QuerySettings inDatabase() {
        return new QuerySettings().serverSetting("database", settings.database());
    }

    private String sentence(Throwable cause) {
        String detail = cause == null || cause.getMessage() == null ? "no detail" : cause.getMessage();
        return "ClickHouse at " + settings.endpoint() + " failed: " + firstLine(detail);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    private static Object plain(JsonNode value, boolean numeric) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (numeric && value.isString()) {
            // JSON formats quote 64-bit integers (and wider) as text; the column's type says it is a number.
            try {
                return new java.math.BigDecimal(value.asString());
            } catch (NumberFormatException e) {
                return value.asString(); // nan, inf: kept as ClickHouse wrote them
            }
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.asString();
    }

    @Override
    public void close() {
        client.close();
    }
}
