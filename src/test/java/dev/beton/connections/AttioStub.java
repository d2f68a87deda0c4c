package dev.beton.connections;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A minimal Attio for connection tests, answering {@code GET /v2/self} and {@code GET /v2/objects}
 * with the documented bodies (reference/attio-api.md §1–2). Stands in until the shared Attio
 * emulator exists; it is not an emulator of anything else.
 */
final class AttioStub implements AutoCloseable {

    static final String FULL_TOKEN = "attio_full_0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String NARROW_TOKEN = "attio_narrow_0123456789abcdef0123456789abcdef0123456789abc";
    static final String NO_DEALS_TOKEN = "attio_nodeals_0123456789abcdef0123456789abcdef0123456789ab";
    static final String INACTIVE_TOKEN = "attio_inactive_0123456789abcdef0123456789abcdef0123456789a";
    static final String ALL_SCOPES =
            "record_permission:read-write object_configuration:read-write note:read-write user_management:read"
                    + " list_entry:read list_configuration:read";

    private record Token(String scope, boolean deals) {}

    private static final Map<String, Token> TOKENS = Map.of(
            FULL_TOKEN, new Token(ALL_SCOPES, true),
            NARROW_TOKEN, new Token("record_permission:read object_configuration:read", true),
            NO_DEALS_TOKEN, new Token(ALL_SCOPES, false));

    private final HttpServer server;

    AttioStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/v2/self", this::self);
        server.createContext("/v2/objects", this::objects);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void self(HttpExchange exchange) throws IOException {
        String bearer = bearer(exchange);
        if (INACTIVE_TOKEN.equals(bearer)) {
            send(exchange, 200, "{\"active\":false}");
            return;
        }
        Token token = TOKENS.get(bearer);
        if (token == null) {
            unauthorized(exchange);
            return;
        }
        send(
                exchange,
                200,
                "{\"active\":true,\"scope\":\"" + token.scope() + "\",\"client_id\":\"c1\","
                        + "\"token_type\":\"Bearer\",\"exp\":null,\"iat\":1700000000,\"sub\":\"ws-1\",\"aud\":\"c1\","
                        + "\"iss\":\"attio.com\",\"authorized_by_workspace_member_id\":\"m1\",\"workspace_id\":\"ws-1\","
                        + "\"workspace_name\":\"Acme CRM\",\"workspace_slug\":\"acme-crm\",\"workspace_logo_url\":null}");
    }

    private void objects(HttpExchange exchange) throws IOException {
        Token token = TOKENS.get(bearer(exchange));
        if (token == null) {
            unauthorized(exchange);
            return;
        }
        if (!token.scope().contains("object_configuration:read")) {
            send(
                    exchange,
                    403,
                    "{\"status_code\":403,\"type\":\"auth_error\",\"code\":\"unauthorized\","
                            + "\"message\":\"Missing scope object_configuration:read\"}");
            return;
        }
        StringBuilder data = new StringBuilder("{\"data\":[")
                .append(object("people", "Person", "People"))
                .append(',')
                .append(object("companies", "Company", "Companies"));
        if (token.deals()) {
            data.append(',').append(object("deals", "Deal", "Deals"));
        }
        send(exchange, 200, data.append("]}").toString());
    }

    private static String object(String slug, String singular, String plural) {
        return "{\"id\":{\"workspace_id\":\"ws-1\",\"object_id\":\"" + slug + "-id\"},\"api_slug\":\"" + slug
                + "\",\"singular_noun\":\"" + singular + "\",\"plural_noun\":\"" + plural
                + "\",\"created_at\":\"2023-03-20T17:15:49.140000000Z\"}";
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
    }

    private static void unauthorized(HttpExchange exchange) throws IOException {
        send(
                exchange,
                401,
                "{\"status_code\":401,\"type\":\"auth_error\",\"code\":\"unauthorized\","
                        + "\"message\":\"The Authorization header was not provided or is invalid.\"}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
