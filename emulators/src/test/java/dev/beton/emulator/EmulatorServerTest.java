package dev.beton.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EmulatorServerTest {

    private static final EmulatorServer.Answers ANSWERS = new EmulatorServer.Answers() {
        @Override
        public EmulatorResponse notFound(EmulatorRequest request) {
            return EmulatorResponse.text(404, "nothing at " + request.path());
        }

        @Override
        public EmulatorResponse methodNotAllowed(EmulatorRequest request, List<String> allowed) {
            return EmulatorResponse.text(405, "use " + allowed);
        }

        @Override
        public EmulatorResponse failure(EmulatorRequest request, RuntimeException error) {
            return EmulatorResponse.text(500, error.getMessage());
        }
    };

    @Test
    void observerSeesTheWholeExchange() {
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        Router router = Router.strict().route("POST", "/things/{id}", r -> EmulatorResponse.json(
                        201, java.util.Map.of("id", r.pathParam("id")))
                .withHeader("X-Seen", r.queryParam("tag").orElse("")));

        try (EmulatorServer server =
                EmulatorServer.start(0, EmulatorServer.dispatcher(router, ANSWERS), List.of(seen::add))) {
            TestHttp.Reply reply =
                    TestHttp.to(server.baseUrl()).bearer("secret").post("/things/42?tag=a%20b&tag=c", "{\"x\":1}");

            assertThat(reply.status()).isEqualTo(201);
            assertThat(seen).singleElement().satisfies(e -> {
                assertThat(e.method()).isEqualTo("POST");
                assertThat(e.path()).isEqualTo("/things/42");
                assertThat(e.query()).isEqualTo("tag=a%20b&tag=c");
                assertThat(e.requestHeader("Authorization")).hasValue("Bearer secret");
                assertThat(e.requestBody()).isEqualTo("{\"x\":1}");
                assertThat(e.status()).isEqualTo(201);
                assertThat(e.responseHeader("x-seen")).hasValue("a b");
                assertThat(e.responseHeader("content-type")).hasValue("application/json");
                assertThat(e.responseBody()).isEqualTo("{\"id\":\"42\"}");
            });
        }
    }

    @Test
    void unknownPathsWrongMethodsAndFailuresGoToTheAnswers() {
        Router router = Router.strict().route("GET", "/boom", r -> {
            throw new IllegalStateException("boom");
        });

        try (EmulatorServer server = EmulatorServer.start(0, EmulatorServer.dispatcher(router, ANSWERS), List.of())) {
            TestHttp http = TestHttp.to(server.baseUrl());

            assertThat(http.get("/nowhere").body()).isEqualTo("nothing at /nowhere");
            assertThat(http.delete("/boom").body()).isEqualTo("use [GET]");
            TestHttp.Reply failed = http.get("/boom");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("boom");
        }
    }

    @Test
    void trailingSlashIsOptionalOnlyWhenAskedFor() {
        Router lenient = Router.trailingSlashOptional().route("GET", "/api/things/", r -> EmulatorResponse.empty(204));
        Router strict = Router.strict().route("GET", "/v2/things", r -> EmulatorResponse.empty(204));

        assertThat(lenient.resolve("GET", "/api/things")).isInstanceOf(Router.Matched.class);
        assertThat(lenient.resolve("GET", "/api/things/")).isInstanceOf(Router.Matched.class);
        assertThat(strict.resolve("GET", "/v2/things/")).isInstanceOf(Router.NotFound.class);
        assertThat(strict.resolve("PUT", "/v2/things")).isEqualTo(new Router.MethodNotAllowed(List.of("GET")));
    }
}
