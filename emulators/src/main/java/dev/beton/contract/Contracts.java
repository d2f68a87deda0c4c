package dev.beton.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import dev.beton.emulator.Exchange;
import dev.beton.emulator.Json;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The two contracts with their known gaps. Loading a file takes seconds (Attio's is 3.4 MB), so
 * each is loaded once per JVM; the loaded validators are thread-safe.
 */
final class Contracts {

    static final String ATTIO_FILE = "contracts/attio-openapi.json";
    static final String POSTHOG_FILE = "contracts/posthog-openapi.yaml";

    private static final ConcurrentMap<String, Contract> LOADED = new ConcurrentHashMap<>();

    private Contracts() {}

    static Contract attio() {
        return LOADED.computeIfAbsent("attio", k -> loadAttio());
    }

    static Contract posthog() {
        return LOADED.computeIfAbsent("posthog", k -> loadPostHog());
    }

    private static Contract loadAttio() {
        OpenAPI model = parse(ATTIO_FILE);
        List<String> patches = ContractPatches.applyToAttio(model);
        OpenApiInteractionValidator validator =
                OpenApiInteractionValidator.createFor(model).build();
        return new Contract(
                "Attio",
                ATTIO_FILE,
                validator,
                model,
                patches,
                path -> path,
                List.of(),
                attioDeviations(),
                Shapes::attioError);
    }

    private static Contract loadPostHog() {
        OpenAPI model = parse(POSTHOG_FILE);
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(model)
                // The file's server is https://app.posthog.com/api/ while its paths already start with /api/.
                .withBasePathOverride("/")
                // The snapshot is older than the API, so responses carry fields added since. OpenAPI allows
                // undeclared properties unless a schema forbids them; the validator's strict default would
                // flag every newer field, so PostHog responses follow the OpenAPI default.
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.response.body.schema.additionalProperties", Level.IGNORE)
                        .build())
                .build();
        return new Contract(
                "PostHog",
                POSTHOG_FILE,
                validator,
                model,
                List.of(),
                // /api/environments/{id}/… is the deprecated alias of /api/projects/{id}/…; the snapshot predates it.
                path -> path.replaceFirst("^/api/environments/", "/api/projects/"),
                postHogUncovered(),
                postHogDeviations(),
                Shapes::postHogError);
    }

    /**
     * Parses a contract and refuses to go on when the parser reports anything: a half-loaded
     * contract would validate less than it claims.
     */
    private static OpenAPI parse(String file) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readLocation(file, null, options);
        if (result.getOpenAPI() == null
                || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new IllegalStateException("contract " + file + " did not load cleanly: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    /** Error codes the reference documents for record writes that the file's enums leave out. */
    private static final Set<String> DOCUMENTED_RECORD_CODES = Set.of(
            "missing_value", "uniqueness_conflict", "validation_type", "multiple_match_results", "immutable_value");

    private static List<Deviation> attioDeviations() {
        String records = "/v2/objects/[^/]+/records(/[^/]+)?";
        Deviation codes = Deviation.of(
                        "POST|PUT|PATCH",
                        records,
                        "validation.response.body.schema.enum",
                        "/code",
                        "the reference documents these 400 codes for record writes (§3 errors, emulator checklist); "
                                + "the file lists one code per operation")
                .when(exchange -> DOCUMENTED_RECORD_CODES.contains(
                        Json.parse(exchange.responseBody()).path("code").asString("")));
        Deviation bareValues = Deviation.of(
                "POST|PUT|PATCH",
                records,
                "validation.request.body.schema.type",
                "/data/values/[^/]+",
                ".*array expected.*",
                "single-select attributes take a bare value (Attio docs, and the file's own example) "
                        + "where the schema says array");
        return List.of(codes, bareValues);
    }

    /**
     * The PostHog file is an old drf-spectacular snapshot; where it disagrees with the current
     * serializers (the reference), these are accepted.
     */
    private static List<Deviation> postHogDeviations() {
        List<Deviation> deviations = new ArrayList<>();
        String dashboards = "/api/(projects|environments)/[^/]+/dashboards/?";
        String dashboard = "/api/(projects|environments)/[^/]+/dashboards/\\d+/?";
        String insights = "/api/(projects|environments)/[^/]+/insights/?";
        String insight = "/api/(projects|environments)/[^/]+/insights/[^/]+/?";
        String required = "validation.response.body.schema.required";
        String type = "validation.response.body.schema.type";
        String listNoTiles = "the list uses DashboardBasicSerializer, which has no tiles (reference §5)";
        deviations.add(Deviation.of("GET", dashboards, required, "/results/\\d+", ".*'tiles'.*", listNoTiles));
        String tilesArray = "tiles is a list of tile objects, the snapshot types it as a string (reference §5)";
        String method = "GET|POST|PATCH|PUT";
        deviations.add(Deviation.of(method, dashboards + "|" + dashboard, type, "/tiles", tilesArray));
        for (String field : List.of("result", "last_refresh", "is_cached")) {
            String reason = field + " is null until the insight is computed, then the rows / timestamp / boolean "
                    + "(reference §5); the snapshot types it as a string";
            deviations.add(Deviation.of(method, insights + "|" + insight, type, "(/results/\\d+)?/" + field, reason));
            deviations.add(Deviation.of(method, dashboard, type, "/tiles/\\d+/insight/" + field, reason));
        }
        deviations.add(Deviation.of(
                "GET",
                dashboards + "|" + insights,
                "validation.request.parameter.query.unexpected",
                ".*",
                ".*'(tags|search|saved|favorited|dashboards|basic|creation_mode|exclude_generated)'.*",
                "documented list filters (reference §5) that the snapshot does not declare"));
        deviations.add(
                Deviation.of(
                        "DELETE",
                        dashboard + "|" + insight,
                        "validation.response.body.unexpected",
                        ".*",
                        "405 carries DRF's error envelope (ForbidDestroyModel raises MethodNotAllowed); the snapshot says no body"));
        deviations.add(Deviation.of(
                "GET",
                "/api/(projects|environments)/@current/?",
                "validation.request.parameter.schema.type",
                ".*",
                "@current is documented (reference §8), the snapshot types the project id as an integer"));
        return List.copyOf(deviations);
    }

    private static List<Uncovered> postHogUncovered() {
        String snapshot = "not in the old OpenAPI snapshot";
        return List.of(
                Uncovered.of(
                        "GET",
                        "/api/users/@me/?",
                        snapshot,
                        e -> okOr(e, "uuid", "email", "team", "organization", "organizations")),
                Uncovered.of("GET", "/api/organizations/@current/?", snapshot, e -> okOr(e, "id", "name", "slug")),
                Uncovered.of(
                        "GET",
                        "/api/organizations/[^/]+/projects/?",
                        snapshot,
                        e -> okOr(e, "count", "next", "previous", "results")),
                Uncovered.of(
                        "POST",
                        "/api/(projects|environments)/[^/]+/query/?",
                        "the snapshot only has GET /query/; POST is the documented Query API",
                        e -> e.status() == 202
                                ? Shapes.objectWith(e, "query_status")
                                : okOr(e, "columns", "types", "results")),
                Uncovered.of(
                        "GET",
                        "/api/(projects|environments)/[^/]+/query/[^/]+/?",
                        "query status polling (reference §2) is not in the snapshot",
                        Contracts::queryStatus),
                Uncovered.of(
                        "DELETE",
                        "/api/(projects|environments)/[^/]+/query/[^/]+/?",
                        "query cancellation (reference §2) is not in the snapshot",
                        e -> okOr(e, "message")),
                Uncovered.of(
                        "POST",
                        "/api/(projects|environments)/[^/]+/warehouse_tables/file/?",
                        "the direct upload of a data warehouse table (reference §7) is not in the snapshot",
                        Contracts::warehouseUpload),
                Uncovered.of(
                        "DELETE",
                        "/api/(projects|environments)/[^/]+/warehouse_tables/[^/]+/?",
                        "data warehouse tables (reference §7) are not in the snapshot",
                        e -> e.status() == 204 ? List.of() : Shapes.postHogError(e)),
                Uncovered.of(
                        "POST",
                        "/(i/v0/e|e|capture|track|engage|batch)/?",
                        "capture is the public ingestion service, outside the private API's OpenAPI",
                        Contracts::capture));
    }

    private static List<String> okOr(Exchange exchange, String... fields) {
        return exchange.status() < 300 ? Shapes.objectWith(exchange, fields) : Shapes.postHogError(exchange);
    }

    /** 202 running, 200 complete, 400 failed: all carry {@code query_status}; 404 is an envelope. */
    private static List<String> queryStatus(Exchange exchange) {
        return switch (exchange.status()) {
            case 200, 202, 400 -> Shapes.objectWith(exchange, "query_status");
            default -> Shapes.postHogError(exchange);
        };
    }

    /**
     * {@code warehouse_tables/file/}: a multipart form with a {@code file} part and a {@code name}
     * matching {@code ^[a-zA-Z_][a-zA-Z0-9_]*$}; 201 answers the table, errors are envelopes.
     */
    private static List<String> warehouseUpload(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        String type = exchange.requestHeader("content-type").orElse("");
        if (!type.startsWith("multipart/form-data") || !type.contains("boundary=")) {
            problems.add("the upload is multipart/form-data with a boundary, not '" + type + "'");
        }
        String body = exchange.requestBody();
        if (!body.contains("name=\"file\"")) {
            problems.add("the upload has no 'file' part");
        }
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("name=\"name\"\r\n\r\n([^\r\n]*)\r\n")
                .matcher(body);
        if (!name.find() || !name.group(1).matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            problems.add("the upload's 'name' part is missing or not ^[a-zA-Z_][a-zA-Z0-9_]*$");
        }
        problems.addAll(
                exchange.status() == 201
                        ? Shapes.objectWith(exchange, "id", "name", "columns")
                        : Shapes.postHogError(exchange));
        return problems;
    }

    /** capture-rs: 200 {@code {"status":"Ok"}}, errors as non-empty plain text. */
    private static List<String> capture(Exchange exchange) {
        if (exchange.status() == 200) {
            return Shapes.objectWith(exchange, "status");
        }
        boolean plain = exchange.responseHeader("content-type").orElse("").startsWith("text/plain");
        return plain && !exchange.responseBody().isBlank()
                ? List.of()
                : List.of("capture errors are non-empty text/plain bodies");
    }
}
