package dev.beton.posthog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Beton's dashboards and insights in a PostHog project, for features outside this package
 * (dashboard provisioning): every call goes through the {@link PostHogGateway} — dashboards on the
 * CRUD budget, insights on the insights budget, retried, behind the project's breaker.
 *
 * <p>Objects are recognised by their stable key, written into the description as {@code
 * managed-by:beton key=…} on every create and update, so a server that drops tags (older or
 * unlicensed) still finds them. A write PostHog refuses with 402 because of its tags (licence-
 * gated tagging) is repeated once without tags.
 */
@Component
public class PostHogBoards {

    /** Whether the project's server keeps tags. */
    public enum Tagging {
        /** {@code /tags/} answered: tags are sent and trusted. */
        AVAILABLE,
        /** {@code /tags/} answered 402: tags are licence-gated, so only the description marker is written. */
        LICENCE_REQUIRED
    }

    /** A dashboard as read back; {@code insightIds} are its live insight tiles (empty in lists). */
    public record Board(long id, String name, String description, List<String> tags, List<Long> insightIds) {}

    /** An insight as read back. */
    public record Insight(
            long id,
            String shortId,
            String name,
            String description,
            List<String> tags,
            List<Long> dashboards,
            Map<String, Object> query) {}

    private final PostHogGateway gateway;

    public PostHogBoards(PostHogGateway gateway) {
        this.gateway = gateway;
    }

    /** Asks {@code GET /tags/} once: 402 means tagging is licence-gated on this server. */
    public Tagging tagging(PostHogTarget target) {
        try {
            gateway.crud(target, () -> target.client()
                    .send(target.key(), target.client().get("/api/projects/" + target.projectId() + "/tags/")));
            return Tagging.AVAILABLE;
        } catch (PostHogException.ApiError e) {
            if (e.status() == 402) {
                return Tagging.LICENCE_REQUIRED;
            }
            throw e;
        } catch (PostHogException.Forbidden | PostHogException.NotFound e) {
            // A key without access to the tag list (or a server without it) may still tag objects;
            // reading them back tells.
            return Tagging.AVAILABLE;
        }
    }

    /** The project's index of a group type (through the CRUD budget); empty when it has none yet. */
    public java.util.OptionalInt groupTypeIndex(PostHogTarget target, String groupType) {
        try {
            return java.util.OptionalInt.of(gateway.crud(
                    target, () -> target.client().groupTypeIndex(target.key(), target.projectId(), groupType)));
        } catch (PostHogException.NotFound e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** The marker Beton writes for {@code stableKey}; exposed so callers can match descriptions. */
    public static boolean marks(String description, String stableKey) {
        return BetonMarker.carries(description, stableKey);
    }

    /** Every live dashboard of the project (lists carry no tiles). */
    public List<Board> dashboards(PostHogTarget target) {
        return gateway
                .crud(target, () -> target.client().dashboards().list(target.key(), target.projectId(), List.of()))
                .stream()
                .map(PostHogBoards::board)
                .toList();
    }

    /** One dashboard with its tiles; empty when missing or soft-deleted. */
    public Optional<Board> dashboard(PostHogTarget target, long id) {
        try {
            return Optional.of(board(gateway.crud(
                    target, () -> target.client().dashboards().get(target.key(), target.projectId(), id))));
        } catch (PostHogException.NotFound e) {
            return Optional.empty();
        }
    }

    public Board createDashboard(
            PostHogTarget target, String stableKey, String name, String description, List<String> tags) {
        return writeDashboard(target, tags, t -> target.client()
                .dashboards()
                .create(target.key(), target.projectId(), draft(stableKey, name, description, t)));
    }

    public Board updateDashboard(
            PostHogTarget target, long id, String stableKey, String name, String description, List<String> tags) {
        return writeDashboard(target, tags, t -> target.client()
                .dashboards()
                .update(target.key(), target.projectId(), id, draft(stableKey, name, description, t)));
    }

    public void softDeleteDashboard(PostHogTarget target, long id) {
        ignoringMissing(() -> gateway.crud(target, () -> {
            target.client().dashboards().softDelete(target.key(), target.projectId(), id);
            return null;
        }));
    }

    /**
     * Beton's live insights: those tagged {@code beton} and (servers that drop tags) those whose
     * description carries the marker; each once.
     */
    public List<Insight> betonInsights(PostHogTarget target) {
        Map<Long, Insight> found = new LinkedHashMap<>();
        PostHogInsights insights = target.client().insights();
        gateway.analytics(target, () -> insights.list(target.key(), target.projectId(), List.of("beton")))
                .forEach(i -> found.put(i.id(), insight(i)));
        gateway.analytics(target, () -> searchMarked(target)).forEach(i -> found.putIfAbsent(i.id(), insight(i)));
        return List.copyOf(found.values());
    }

    public Insight createInsight(
            PostHogTarget target,
            String stableKey,
            String name,
            String description,
            List<String> tags,
            Map<String, Object> query,
            List<Long> dashboards) {
        return writeInsight(target, tags, t -> target.client()
                .insights()
                .create(
                        target.key(),
                        target.projectId(),
                        insightDraft(stableKey, name, description, t, query, dashboards)));
    }

    public Insight updateInsight(
            PostHogTarget target,
            long id,
            String stableKey,
            String name,
            String description,
            List<String> tags,
            Map<String, Object> query,
            List<Long> dashboards) {
        return writeInsight(target, tags, t -> target.client()
                .insights()
                .update(
                        target.key(),
                        target.projectId(),
                        id,
                        insightDraft(stableKey, name, description, t, query, dashboards)));
    }

    /**
     * Has PostHog recompute one insight now ({@code GET …/insights/{id}/?refresh=true}): a query
     * on PostHog's side, so it spends the query budget as well as the insights budget, retried.
     */
    public void refreshInsight(PostHogTarget target, long id) {
        gateway.insightRefresh(target, () -> target.client().insights().refresh(target.key(), target.projectId(), id));
    }

    public void softDeleteInsight(PostHogTarget target, long id) {
        ignoringMissing(() -> gateway.analytics(target, () -> {
            target.client().insights().softDelete(target.key(), target.projectId(), id);
            return null;
        }));
    }

    private static List<PostHogInsight> searchMarked(PostHogTarget target) {
        // The marker's fixed prefix finds every Beton object; callers match the exact key.
        return PagedList.all(
                        target.client(),
                        target.key(),
                        "/api/projects/" + target.projectId() + "/insights/?basic=true&search="
                                + java.net.URLEncoder.encode(
                                        "managed-by:beton", java.nio.charset.StandardCharsets.UTF_8))
                .stream()
                .map(i -> BoardReading.insight(i, target.client().json()))
                .toList();
    }

    /** Dashboards are written on the CRUD budget. */
    private Board writeDashboard(
            PostHogTarget target, List<String> tags, Function<List<String>, PostHogDashboard> write) {
        return withoutTagsOn402(tags, t -> board(gateway.crud(target, () -> write.apply(t))));
    }

    /** Insights are written on the insights budget, like PostHog's own rate-limit classes. */
    private Insight writeInsight(
            PostHogTarget target, List<String> tags, Function<List<String>, PostHogInsight> write) {
        return withoutTagsOn402(tags, t -> insight(gateway.analytics(target, () -> write.apply(t))));
    }

    /** A soft delete of something PostHog no longer has is the outcome the caller wants. */
    private static void ignoringMissing(Runnable delete) {
        try {
            delete.run();
        } catch (PostHogException.NotFound alreadyGone) {
            // Deleted in PostHog already.
        }
    }

    private static <T> T withoutTagsOn402(List<String> tags, Function<List<String>, T> write) {
        try {
            return write.apply(tags);
        } catch (PostHogException.ApiError e) {
            if (e.status() == 402 && !tags.isEmpty()) {
                return write.apply(List.of());
            }
            throw e;
        }
    }

    private static PostHogDashboardDraft draft(String stableKey, String name, String description, List<String> tags) {
        return new PostHogDashboardDraft(name, BetonMarker.describe(description, stableKey), tags, false);
    }

    private static PostHogInsightDraft insightDraft(
            String stableKey,
            String name,
            String description,
            List<String> tags,
            Map<String, Object> query,
            List<Long> dashboards) {
        return new PostHogInsightDraft(name, BetonMarker.describe(description, stableKey), tags, query, dashboards);
    }

    private static Board board(PostHogDashboard d) {
        List<Long> insights = new ArrayList<>();
        d.tiles().forEach(t -> t.insightId().ifPresent(insights::add));
        return new Board(d.id(), d.name(), d.description(), d.tags(), insights);
    }

    private static Insight insight(PostHogInsight i) {
        return new Insight(i.id(), i.shortId(), i.name(), i.description(), i.tags(), i.dashboards(), i.query());
    }
}
