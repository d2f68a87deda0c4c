package dev.beton.workspace;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt on a small pool of platform threads instead of the request's virtual thread. Requests run
 * on virtual threads, which share a few carrier threads (one per core); BCrypt is ~100 ms of pure
 * CPU that never yields, so a burst of password logins pinned every carrier and capture, which
 * needs no password at all, waited 18 s for a thread. Waiting on this pool parks the virtual
 * thread and frees its carrier; at most {@code threads} hashes run at once, so part of the CPU
 * always stays with the rest of Beton, and a full queue refuses a login instead of growing.
 */
final class OffCarrierPasswordEncoder implements PasswordEncoder, DisposableBean {

    private final PasswordEncoder delegate;
    private final ThreadPoolExecutor pool;

    OffCarrierPasswordEncoder(PasswordEncoder delegate, int threads, int queue) {
        this.delegate = delegate;
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queue)),
                Thread.ofPlatform().name("password-hashing-", 0).daemon().factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return onPool(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return onPool(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T onPool(Supplier<T> work) {
        Future<T> result;
        try {
            result = pool.submit(work::get);
        } catch (RejectedExecutionException e) {
            throw new InternalAuthenticationServiceException(
                    "Too many logins at once: try again in a few seconds, or use an API token.");
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new InternalAuthenticationServiceException("The password check was interrupted.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Threads currently hashing; for tests and metrics. */
    int active() {
        return pool.getActiveCount();
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
