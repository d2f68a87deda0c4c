package dev.beton.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The JDK {@link HttpServer} on 127.0.0.1 wired to a {@link Router}: turns each HTTP exchange
 * into an {@link EmulatorRequest}, lets the emulator answer it, writes the answer and tells the
 * observers. Emulators own one each.
 */
public final class EmulatorServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmulatorServer.class.getName());

    /** What the emulator answers around its routes: unknown paths, wrong methods, failures. */
    public interface Answers {
        /** No route has this path. */
        EmulatorResponse notFound(EmulatorRequest request);

        EmulatorResponse methodNotAllowed(EmulatorRequest request, List<String> allowed);

        /** A handler threw; answer as the real service would for an internal error. */
        EmulatorResponse failure(EmulatorRequest request, RuntimeException error);
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private EmulatorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving.
     *
     * @param port TCP port on 127.0.0.1, 0 for a free one
     * @param dispatcher resolves a request (method and path already filled, no path params) to
     *     an answer; normally a {@link Router} lookup plus the emulator's {@link Answers}
     * @param observers told of every exchange, in order
     */
    public static EmulatorServer start(
            int port, Function<EmulatorRequest, EmulatorResponse> dispatcher, List<ExchangeObserver> observers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            List<ExchangeObserver> observersCopy = List.copyOf(observers);
            server.createContext("/", exchange -> serve(exchange, dispatcher, observersCopy));
            server.start();
            return new EmulatorServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start emulator on 127.0.0.1:" + port, e);
        }
    }

    /** Routes a request through {@code router}, falling back to {@code answers}. */
    public static Function<EmulatorRequest, EmulatorResponse> dispatcher(Router router, Answers answers) {
        return request -> {
            try {
                return switch (router.resolve(request.method(), request.path())) {
                    case Router.Matched m -> m.handler().handle(withParams(request, m.pathParams()));
                    case Router.MethodNotAllowed n -> answers.methodNotAllowed(request, n.allowed());
                    case Router.NotFound n -> answers.notFound(request);
                };
            } catch (RuntimeException e) {
                // The client gets the service's error answer; the cause stays visible in the log.
                LOG.log(System.Logger.Level.WARNING, request.method() + " " + request.path() + " failed", e);
                return answers.failure(request, e);
            }
        };
    }

    /**
     * Answers no sooner than {@code answerTime} after the request came in: the wait of a network
     * and a remote server, in wall time, on the request's own (virtual) thread.
     */
    public static Function<EmulatorRequest, EmulatorResponse> answeringAfter(
            java.time.Duration answerTime, Function<EmulatorRequest, EmulatorResponse> dispatcher) {
        if (answerTime.isZero()) {
            return dispatcher;
        }
        return request -> {
            long start = System.nanoTime();
            EmulatorResponse response = dispatcher.apply(request);
            long left = answerTime.toNanos() - (System.nanoTime() - start);
            if (left > 0) {
                try {
                    Thread.sleep(java.time.Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return response;
        };
    }

    /** Base URL without trailing slash, e.g. {@code http://127.0.0.1:54321}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private static EmulatorRequest withParams(EmulatorRequest r, Map<String, String> params) {
        return new EmulatorRequest(r.method(), r.path(), params, r.rawQuery(), r.headers(), r.body());
    }

    private static void serve(
            HttpExchange exchange,
            Function<EmulatorRequest, EmulatorResponse> dispatcher,
            List<ExchangeObserver> observers)
            throws IOException {
        try (exchange) {
            EmulatorRequest request = read(exchange);
            EmulatorResponse response = dispatcher.apply(request);
            Map<String, List<String>> headers = prepareHeaders(exchange, response);
            // Observers hear of the exchange before the client gets the answer, so a test that
            // checks its observers right after a call never misses the last exchange.
            notify(
                    observers,
                    new Exchange(
                            request.method(),
                            request.path(),
                            request.rawQuery(),
                            request.headers(),
                            request.body(),
                            response.status(),
                            headers,
                            response.body()));
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static void notify(List<ExchangeObserver> observers, Exchange record) {
        for (ExchangeObserver observer : observers) {
            try {
                observer.observe(record);
            } catch (RuntimeException e) {
                // One failing observer must not keep the others from seeing the exchange.
                LOG.log(System.Logger.Level.WARNING, "exchange observer failed", e);
            }
        }
    }

    private static EmulatorRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String body = new String(decoded(exchange.getRequestBody().readAllBytes()), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return new EmulatorRequest(exchange.getRequestMethod(), uri.getPath(), Map.of(), query, headers, body);
    }

    /**
     * Real PostHog capture (and SDKs that gzip their batches) sniff gzip by its magic bytes, so
     * the emulator hands routes the decompressed text; a body that is not valid gzip stays as is.
     */
    private static byte[] decoded(byte[] raw) {
        if (raw.length < 2 || (raw[0] & 0xFF) != 0x1F || (raw[1] & 0xFF) != 0x8B) {
            return raw;
        }
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return raw;
        }
    }

    /** Sets the response headers and returns them as sent, names lower-cased. */
    private static Map<String, List<String>> prepareHeaders(HttpExchange exchange, EmulatorResponse response) {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        if (!response.contentType().isEmpty()) {
            headers.set("Content-Type", response.contentType());
        }
        Map<String, List<String>> sent = new LinkedHashMap<>();
        headers.forEach((name, values) -> sent.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return sent;
    }
}
