package dev.beton.posthog;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Budget, retries and circuit breaker around one PostHog call. Resilience4j decides whether and
 * how long to wait (its async context does not sleep by itself); the wait goes through an
 * injected function, so tests and the simulated day move a fake clock instead of sleeping.
 */
final class PostHogResilience {

    private final PostHogBudget budget;
    private final PostHogRetryProperties settings;
    private final Clock clock;
    private final Consumer<Duration> wait;
    private final PostHogMetrics metrics;
    private final Retry retry;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    PostHogResilience(
            PostHogBudget budget,
            PostHogRetryProperties settings,
            Clock clock,
            Consumer<Duration> wait,
            PostHogMetrics metrics) {
        this.budget = budget;
        this.settings = settings;
        this.clock = clock;
        this.wait = wait;
        this.metrics = metrics;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                settings.initialBackoff(), settings.multiplier(), settings.jitter(), settings.maxBackoff());
        this.retry = Retry.of(
                "posthog",
                RetryConfig.<Object>custom()
                        .maxAttempts(settings.maxAttempts())
                        .retryOnException(PostHogResilience::retryable)
                        .intervalBiFunction((Integer attempt, Either<Throwable, Object> outcome) ->
                                interval(attempt, outcome, backoff))
                        .build());
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(PostHogResilience::retryable)
                // A revoked key or a bad query says nothing about PostHog's health: neither a
                // failure nor a success for the breaker.
                .ignoreException(failure -> !retryable(failure))
                .clock(clock)
                .build();
    }

    /**
     * Runs {@code call} for {@code target} within the {@code budgetClass} budget: every attempt
     * spends one call of the budget, 5xx, timeouts and 429 are retried, everything else fails at
     * once.
     *
     * @throws PostHogException.BudgetExhausted when the budget is used up (nothing is sent)
     * @throws PostHogException.CircuitOpen when the breaker is open (nothing is sent)
     */
    <T> T call(PostHogTarget target, BudgetClass budgetClass, Supplier<T> call) {
        Guard guard = guard(target, budgetClass);
        guard.closeWhenBudgetRefilled();
        if (!guard.breaker.tryAcquirePermission()) {
            throw guard.refusal(target, budgetClass);
        }
        @SuppressWarnings("unchecked")
        Retry.AsyncContext<T> attempts = (Retry.AsyncContext<T>) retry.asyncContext();
        long started = System.nanoTime();
        while (true) {
            try {
                budget.take(target.budgetKey(), budgetClass);
            } catch (PostHogException.BudgetExhausted e) {
                guard.openForBudget(e.retryAt());
                throw e;
            }
            try {
                metrics.sent(target, budgetClass);
                T result = call.get();
                attempts.onComplete();
                guard.breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return result;
            } catch (PostHogException e) {
                if (e instanceof PostHogException.RateLimited) {
                    metrics.rateLimited(target, clock.instant());
                }
                long waitMillis = attempts.onError(e);
                if (waitMillis < 0) {
                    guard.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                    throw e;
                }
                metrics.retried(target, budgetClass);
                wait.accept(Duration.ofMillis(waitMillis));
            } catch (RuntimeException e) {
                guard.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                throw e;
            }
        }
    }

    /** The breaker's state for the page and metrics: CLOSED, OPEN, HALF_OPEN. */
    String breakerState(String budgetKey, BudgetClass budgetClass) {
        Guard guard = guards.get(budgetKey + "#" + budgetClass.id());
        return guard == null ? "CLOSED" : guard.breaker.getState().name();
    }

    /** Worth another attempt: the server failed or throttled, or no answer came in time. */
    static boolean retryable(Throwable failure) {
        return switch (failure) {
            case PostHogException.RateLimited r -> true;
            // An asynchronous query that outlived beton.posthog.query-wait was already cancelled;
            // sending it again would spend budget on the same wait (HTTP timeouts are IOExceptions).
            case PostHogException.Unreachable u -> !(u.getCause() instanceof TimeoutException);
            case PostHogException.ApiError a -> a.status() >= 500;
            default -> false;
        };
    }

    // 429: exactly PostHog's Retry-After, or give up if it is longer than a caller should hang.
    private long interval(int attempt, Either<Throwable, Object> outcome, IntervalFunction backoff) {
        if (outcome.isLeft() && outcome.getLeft() instanceof PostHogException.RateLimited limited) {
            if (limited.retryAfter().isPresent()) {
                Duration after = limited.retryAfter().get();
                return after.compareTo(settings.maxRetryAfter()) > 0 ? -1 : after.toMillis();
            }
        }
        return backoff.apply(attempt);
    }

    private Guard guard(PostHogTarget target, BudgetClass budgetClass) {
        return guards.computeIfAbsent(target.budgetKey() + "#" + budgetClass.id(), name -> new Guard(name));
    }

    /** A breaker and why it last opened, so a refusal says "budget" or "failures" with its time. */
    private final class Guard {
        final CircuitBreaker breaker;
        volatile Instant openUntil = Instant.EPOCH;
        volatile boolean openedByBudget;
        private volatile boolean budgetOpening;

        Guard(String name) {
            this.breaker = CircuitBreaker.of(name, breakerConfig);
            breaker.getEventPublisher().onStateTransition(event -> {
                if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN && !budgetOpening) {
                    openedByBudget = false;
                    openUntil = clock.instant().plus(settings.breakerOpenFor());
                }
            });
        }

        synchronized void openForBudget(Instant retryAt) {
            budgetOpening = true;
            try {
                breaker.transitionToOpenStateUntil(retryAt);
            } catch (IllegalStateTransitionException alreadyOpen) {
                // Another caller opened it meanwhile; the refusal below still names the budget.
            } finally {
                budgetOpening = false;
            }
            openedByBudget = true;
            openUntil = retryAt;
        }

        // Opened only because the budget ran out: it closes when the budget refills, on the dot,
        // rather than through a half-open trial that would tell nothing about PostHog's health.
        synchronized void closeWhenBudgetRefilled() {
            if (openedByBudget && !openUntil.isAfter(clock.instant())) {
                openedByBudget = false;
                if (breaker.getState() == CircuitBreaker.State.OPEN) {
                    breaker.transitionToClosedState();
                }
            }
        }

        PostHogException refusal(PostHogTarget target, BudgetClass budgetClass) {
            Instant now = clock.instant();
            // Half-open with its one trial call in flight: the others are told to come back shortly.
            Instant retryAt = openUntil.isAfter(now) ? openUntil : now.plusSeconds(1);
            if (openedByBudget) {
                return new PostHogException.BudgetExhausted(
                        "Beton's " + budgetClass.id() + " budget for PostHog project " + target.budgetKey()
                                + " is used up; nothing was sent. It refills at "
                                + retryAt.truncatedTo(ChronoUnit.SECONDS) + ".",
                        retryAt);
            }
            return new PostHogException.CircuitOpen(
                    "PostHog project " + target.budgetKey() + " failed repeatedly, so Beton stopped calling it;"
                            + " nothing was sent. It tries again at "
                            + retryAt.truncatedTo(ChronoUnit.SECONDS) + ".",
                    retryAt);
        }
    }
}
