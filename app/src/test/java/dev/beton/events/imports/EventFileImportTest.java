package dev.beton.events.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/file-import",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        })
class EventFileImportTest {

    static final Path FILES = TestDataDirs.fresh("file-import-files");

    static {
        TestDataDirs.fresh("file-import");
    }

    @Autowired
    EventFileImport importer;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    private final List<String> rejected = new ArrayList<>();
    private final ImportListener listener = new ImportListener() {
        @Override
        public void rejected(Path file, long line, String reason) {
            rejected.add(file.getFileName() + ":" + line + ": " + reason);
        }
    };

    private long workspace() {
        return workspaces.bySlug("default").orElseThrow().id();
    }

    @Test
    void importsJsonLinesReportsBadLinesAndKeepsEveryValidOne() throws IOException {
        String tag = UUID.randomUUID().toString();
        Path file = write(
                "events.jsonl",
                String.join(
                        "\n",
                        line("signed_up", tag, UUID.randomUUID()),
                        "{not json",
                        "",
                        "{\"event\":\"\",\"distinct_id\":\"x\"}",
                        line("feature_used", tag, UUID.randomUUID()),
                        "{\"event\":\"e\",\"distinct_id\":\"x\",\"timestamp\":\"soon\"}",
                        line("feature_used", tag, UUID.randomUUID())));

        ImportSummary summary = importer.importFiles(workspace(), List.of(file), listener);

        assertThat(summary).isEqualTo(new ImportSummary(6, 3, 0, 3));
        assertThat(rejected)
                .containsExactly(
                        "events.jsonl:2: not valid JSON: "
                                + rejected.get(0).substring("events.jsonl:2: not valid JSON: ".length()),
                        "events.jsonl:4: event submitted with an empty event name",
                        "events.jsonl:6: failed to parse request: invalid timestamp 'soon'");
        assertThat(count("SELECT count(*) FROM events WHERE distinct_id = '" + tag + "'"))
                .isEqualTo(3);
    }

    @Test
    void importingTheSameFileTwiceStoresNothingTwice() throws IOException {
        String tag = UUID.randomUUID().toString();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 25_000; i++) {
            text.append(line("feature_used", tag, UUID.randomUUID())).append('\n');
        }
        Path file = gzip("many.jsonl.gz", text.toString());

        assertThat(importer.importFiles(workspace(), List.of(file), listener))
                .isEqualTo(new ImportSummary(25_000, 25_000, 0, 0));
        assertThat(importer.importFiles(workspace(), List.of(file), listener))
                .isEqualTo(new ImportSummary(25_000, 0, 25_000, 0));
        assertThat(count("SELECT count(*) FROM events WHERE distinct_id = '" + tag + "'"))
                .isEqualTo(25_000);
    }

    @Test
    void importsCsvWithPostHogEventColumns() throws IOException {
        String tag = UUID.randomUUID().toString();
        Path file = write("events.csv", """
                uuid,event,distinct_id,timestamp,properties,properties.plan,person_id
                %s,signed_up,%s,2026-02-01T10:00:00Z,"{""source"":""ads""}",pro,ignored
                ,feature_used,%s,2026-02-01 11:00:00,,,
                ,,%s,2026-02-01T12:00:00Z,,,
                """.formatted(UUID.randomUUID(), tag, tag, tag));

        ImportSummary summary = importer.importFiles(workspace(), List.of(file), listener);

        assertThat(summary).isEqualTo(new ImportSummary(3, 2, 0, 1));
        assertThat(rejected).containsExactly("events.csv:4: failed to parse request: missing field `event`");
        assertThat(count("SELECT count(*) FROM events WHERE distinct_id = '" + tag
                        + "' AND json_extract_string(properties, '$.plan') = 'pro'"
                        + " AND json_extract_string(properties, '$.source') = 'ads'"))
                .isEqualTo(1);
    }

    @Test
    void importsParquetExports() throws Exception {
        String tag = UUID.randomUUID().toString();
        Path file = FILES.resolve("export.parquet").toAbsolutePath();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            duck.createStatement()
                    .execute("COPY (SELECT uuid() AS uuid, 'pageview' AS event, '" + tag + "' AS distinct_id,"
                            + " TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i) MINUTE AS timestamp,"
                            + " '{\"i\":' || i || '}' AS properties FROM range(500) r(i)) TO '" + file
                            + "' (FORMAT parquet)");
        }

        assertThat(importer.importFiles(workspace(), List.of(file), listener))
                .isEqualTo(new ImportSummary(500, 500, 0, 0));
        assertThat(count("SELECT count(*) FROM events WHERE distinct_id = '" + tag
                        + "' AND json_extract(properties, '$.i') IS NOT NULL"))
                .isEqualTo(500);
    }

    private static String line(String event, String distinctId, UUID uuid) {
        return "{\"event\":\"%s\",\"distinct_id\":\"%s\",\"uuid\":\"%s\",\"timestamp\":\"2026-02-01T10:00:00Z\"}"
                .formatted(event, distinctId, uuid);
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(FILES.resolve(name), text);
    }

    private static Path gzip(String name, String text) throws IOException {
        Path file = FILES.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private long count(String sql) {
        return warehouse.read(workspace(), connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
