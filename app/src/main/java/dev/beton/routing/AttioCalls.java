package dev.beton.routing;

import dev.beton.crm.AttioClient;
import dev.beton.crm.AttioException;
import dev.beton.workspace.credentials.Secret;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Every call the deal pipeline makes to Attio: it waits for the token's budget
 * ({@link AttioBudget}), passes the token's circuit breaker (opened by repeated server failures or
 * silence, so a down Attio is not hammered), and — for writes — lands in the audit log with a
 * request id and its outcome.
 */
@Component
class AttioCalls {

    /** Who a write is done for and what it is part of, for the audit log. */
    record Context(long workspaceId, String actor, Long planId, Long itemId, String accountKey) {}

    /** The breaker is open: Attio failed repeatedly, and Beton waits before trying again. */
    static final class Paused extends RuntimeException {
        Paused(String message) {
            super(message);
        }
    }

    private final AttioClient client;
    private final AttioBudget budget;
    private final AuditLog audit;
    private final CircuitBreakerRegistry breakers;

    AttioCalls(AttioClient client, AttioBudget budget, AuditLog audit, RoutingProperties properties) {
        this.client = client;
        this.budget = budget;
        this.audit = audit;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.breakerPause())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(AttioCalls::serverTrouble)
                .build());
    }

    <T> T read(Secret token, Function<AttioClient, T> call) {
        String key = keyOf(token);
        budget.take(key, AttioBudget.Kind.READ);
        return guarded(key, call);
    }

    <T> T write(Secret token, Context context, String operation, Function<AttioClient, T> call) {
        String key = keyOf(token);
        budget.take(key, AttioBudget.Kind.WRITE);
        String requestId = UUID.randomUUID().toString();
        try {
            T result = guarded(key, call);
            audit.record(
                    context.workspaceId(),
                    context.actor(),
                    context.planId(),
                    context.itemId(),
                    requestId,
                    operation,
                    context.accountKey(),
                    "ok" + describe(result));
            return result;
        } catch (RuntimeException e) {
            audit.record(
                    context.workspaceId(),
                    context.actor(),
                    context.planId(),
                    context.itemId(),
                    requestId,
                    operation,
                    context.accountKey(),
                    "failed: " + e.getMessage());
            throw e;
        }
    }

    /** Whether the token's breaker lets calls through now. */
    boolean open(Secret token) {
        return breakers.circuitBreaker(keyOf(token)).getState() == CircuitBreaker.State.OPEN;
    }

    private <T> T guarded(String key, Function<AttioClient, T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(key);
        try {
            return breaker.executeSupplier(() -> call.apply(client));
        } catch (CallNotPermittedException e) {
            throw new Paused("Attio failed several times in a row, so Beton paused sending to it for a while.");
        }
    }

    /**
     * What counts towards opening the breaker: Attio not answering or failing. A call its own
     * caller gave up on (an interrupted thread, e.g. a read the CRM sync cancelled past an
     * object's last page) says nothing about Attio.
     */
    static boolean serverTrouble(Throwable e) {
        return (e instanceof AttioException.Unreachable u && !(u.getCause() instanceof InterruptedException))
                || (e instanceof AttioException.ApiError api && api.transientFailure());
    }

    private static String describe(Object result) {
        if (result instanceof dev.beton.crm.AttioRecord record) {
            return " " + record.id();
        }
        return result instanceof String text && !text.isEmpty() ? " " + text : "";
    }

    /** Buckets and breakers are per token, named by a hash so the token itself is never a key anywhere. */
    static String keyOf(Secret token) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8));
            return "attio:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
