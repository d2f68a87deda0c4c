package dev.beton.bizevents;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events for open Executive pages: an {@code update} when business events or alerts
 * arrive in their workspace. Sent from a thread of its own, so a slow browser never holds up a
 * workspace's commits; bursts coalesce (at most one pending update per workspace).
 */
@Component
class LiveUpdates implements AutoCloseable {

    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

    private final Map<Long, Set<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("executive-live").daemon(true).factory());

    SseEmitter subscribe(long workspaceId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT);
        Set<SseEmitter> own = listeners.computeIfAbsent(workspaceId, id -> new CopyOnWriteArraySet<>());
        own.add(emitter);
        Runnable remove = () -> own.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            emitter.send(SseEmitter.event().name("ready").data("ok"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    /** Something changed in the workspace's business data. */
    void changed(long workspaceId) {
        Set<SseEmitter> own = listeners.get(workspaceId);
        if (own == null || own.isEmpty() || !pending.add(workspaceId)) {
            return;
        }
        sender.execute(() -> {
            pending.remove(workspaceId);
            for (SseEmitter emitter : own) {
                try {
                    emitter.send(SseEmitter.event().name("update").data("changed"));
                } catch (IOException | IllegalStateException e) {
                    own.remove(emitter);
                }
            }
        });
    }

    @Override
    public void close() {
        sender.shutdown();
        listeners.values().forEach(set -> set.forEach(SseEmitter::complete));
    }
}
