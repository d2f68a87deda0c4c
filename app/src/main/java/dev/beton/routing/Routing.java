package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.jobs.JobRuns;
import dev.beton.jobs.RunningJob;
import dev.beton.web.ProblemException;
import dev.beton.workspace.credentials.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;

/** The deal pipeline as the API, the Routing page and the CLI use it: plan, apply, status. */
@Service
public class Routing {

    /** A plan with its items. */
    public record PlanView(Plan plan, List<Plan.Item> items) {}

    /**
     * Where routing stands in a workspace.
     *
     * @param outbox items per state over all plans: pending, sent, retrying, done, rejected
     * @param problem why nothing can be sent now (Attio not connected, token refused, breaker open)
     */
    public record Status(
            List<Plan> plans, Map<String, Long> outbox, Optional<String> lastError, Optional<String> problem) {}

    private final RoutingPlanner planner;
    private final RoutingOutbox outbox;
    private final PlanStore plans;
    private final AttioLinks links;
    private final AttioCalls attio;
    private final int workers;
    private final JobRuns jobs;

    Routing(
            RoutingPlanner planner,
            RoutingOutbox outbox,
            PlanStore plans,
            AttioLinks links,
            AttioCalls attio,
            RoutingProperties properties,
            JobRuns jobs) {
        this.jobs = jobs;
        this.workers = properties.workers();
        this.planner = planner;
        this.outbox = outbox;
        this.plans = plans;
        this.links = links;
        this.attio = attio;
    }

    /**
     * Makes and stores a plan; unless {@code dryRun}, queues it for applying too. Each sync is a job
     * run (the Jobs page lists it); the sends themselves go through the outbox, whose progress the
     * Routing page shows, so the run ends when the plan is queued.
     */
    public PlanView sync(long workspaceId, boolean dryRun, String actor, String trigger) {
        try (RunningJob job = jobs.start(Optional.of(workspaceId), JOB_TYPE, OptionalLong.empty())) {
            Plan plan = planner.plan(workspaceId, trigger, actor);
            if (!dryRun) {
                outbox.apply(workspaceId, plan.id(), actor);
            }
            PlanView view = view(workspaceId, plan.id()).orElseThrow();
            job.succeeded(summary(view, dryRun));
            return view;
        }
    }

    static final String JOB_TYPE = "attio-sync";

    private static String summary(PlanView view, boolean dryRun) {
        Map<String, Long> actions = view.items().stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        Plan.Item::action, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        String counts = actions.isEmpty()
                ? "nothing to do"
                : actions.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(java.util.stream.Collectors.joining(", "));
        return (dryRun ? "Dry run: plan " : "Plan ") + view.plan().id() + " ("
                + view.plan().trigger() + "): " + counts
                + (dryRun ? "." : "; queued for Attio (progress on the Routing page).");
    }

    /** Applies a stored plan (again: items already queued or done are not queued twice). */
    public PlanView apply(long workspaceId, long planId, String actor) {
        if (plans.plan(workspaceId, planId).isEmpty()) {
            throw ProblemException.notFound("No routing plan " + planId + " in this workspace.");
        }
        outbox.apply(workspaceId, planId, actor);
        return view(workspaceId, planId).orElseThrow();
    }

    /**
     * Applies a plan in the calling thread (the CLI, which has no background worker): queues its
     * items and works the outbox until nothing is due, telling {@code progress} (done, total).
     */
    public PlanView applyHere(
            long workspaceId, long planId, String actor, java.util.function.BiConsumer<Integer, Integer> progress) {
        int total = outbox.apply(workspaceId, planId, actor, false);
        progress.accept(0, total);
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        outbox.runDueInParallel(workers, () -> progress.accept(Math.min(total, finished.incrementAndGet()), total));
        return view(workspaceId, planId).orElseThrow();
    }

    public Optional<PlanView> view(long workspaceId, long planId) {
        return plans.plan(workspaceId, planId).map(p -> new PlanView(p, plans.items(planId)));
    }

    public Status status(long workspaceId) {
        Optional<String> problem = links.problem(workspaceId);
        if (problem.isEmpty()) {
            Optional<Secret> token = links.token(workspaceId);
            if (token.isPresent() && attio.open(token.get())) {
                problem =
                        Optional.of("Attio failed several times in a row; Beton pauses sending and tries again soon.");
            }
        }
        return new Status(
                plans.recent(workspaceId, 20), plans.stateCounts(workspaceId), plans.lastError(workspaceId), problem);
    }
}
