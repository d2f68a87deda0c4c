package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.crm.AttioException;
import dev.beton.crm.AttioRecord;
import dev.beton.workspace.credentials.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Applies plans through the durable outbox in Beton's database. Applying a plan only marks its
 * items {@code pending}; workers (this instance's background thread, the recurring task, or any
 * other instance on the same database) claim due items one by one ({@code sent}, with a lease)
 * and end each {@code done}, {@code rejected} with the reason, or {@code retrying} at an instant —
 * Attio's {@code Retry-After} for a 429, doubling backoff for server trouble, a pause when the
 * breaker is open.
 *
 * <p>Nothing here can create a second deal: a deal is created only after looking it up by its
 * unique {@code beton_key}, and a create that races another is refused by Attio
 * ({@code uniqueness_conflict}) and then found. A worker that dies mid-item leaves it {@code sent};
 * when the lease runs out another worker takes it and finds what the first one already wrote.
 */
@Service
public class RoutingOutbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RoutingOutbox.class);
    /** One item per claim: the lease then covers one item's few requests, not a queue behind it. */
    private static final int BATCH = 1;

    /** Test seam: called right after a deal was created, before Beton records it (a crash there is the worst case). */
    interface AfterCreate {
        void created(long itemId, String dealRecordId);
    }

    /** A person changed a value between planning and applying. */
    private static final class PersonChanged extends RuntimeException {
        PersonChanged(String message) {
            super(message);
        }
    }

    private final PlanStore plans;
    private final DealStore deals;
    private final CompanyLinks companies;
    private final AttioLinks links;
    private final AttioCalls attio;
    private final AttioSchema schema;
    private final RoutingProperties properties;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "attio-outbox");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean kicked = new AtomicBoolean();
    private volatile AfterCreate afterCreate = (item, deal) -> {};

    RoutingOutbox(
            PlanStore plans,
            DealStore deals,
            CompanyLinks companies,
            AttioLinks links,
            AttioCalls attio,
            AttioSchema schema,
            RoutingProperties properties,
            Clock clock) {
        this.plans = plans;
        this.deals = deals;
        this.companies = companies;
        this.links = links;
        this.attio = attio;
        this.schema = schema;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Queues a plan's create and update items; with background work on, they start at once.
     *
     * @return how many items were queued (0 when the plan was applied before)
     */
    public int apply(long workspaceId, long planId, String actor) {
        return apply(workspaceId, planId, actor, properties.background());
    }

    int apply(long workspaceId, long planId, String actor, boolean startNow) {
        int queued = plans.apply(workspaceId, planId, actor);
        if (queued > 0 && startNow) {
            kick();
        }
        return queued;
    }

    /** Works the outbox on the background thread now, unless it is already at it. */
    void kick() {
        if (kicked.compareAndSet(false, true)) {
            background.submit(() -> {
                try {
                    kicked.set(false);
                    runDueInParallel(properties.workers(), () -> {});
                } catch (RuntimeException e) {
                    log.warn("The Attio outbox stopped early: {}", e.getMessage());
                }
            });
        }
    }

    /**
     * Works every item due now, batch after batch, until none is due.
     *
     * @return how many items this call finished or rescheduled
     */
    public int runDue() {
        return runDue(() -> {});
    }

    /** {@link #runDue()}, telling {@code afterEach} after every item (the CLI's progress bar). */
    int runDue(Runnable afterEach) {
        int worked = 0;
        while (true) {
            List<PlanStore.Work> batch = plans.claim(BATCH, properties.lease());
            if (batch.isEmpty()) {
                return worked;
            }
            for (PlanStore.Work work : batch) {
                process(work);
                worked++;
                afterEach.run();
            }
        }
    }

    /**
     * {@link #runDue(Runnable)} by {@code workers} threads at once: one worker spends part of each
     * item on reads and Beton's database, so several keep Attio's write budget busy. Claims are per
     * item, so they never take the same one.
     */
    int runDueInParallel(int workers, Runnable afterEach) {
        if (workers <= 1) {
            return runDue(afterEach);
        }
        List<java.util.concurrent.Future<Integer>> running = new java.util.ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> runDue(afterEach)));
            }
            int worked = 0;
            for (java.util.concurrent.Future<Integer> one : running) {
                try {
                    worked += one.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("An Attio outbox worker stopped: {}", e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return worked;
                }
            }
            return worked;
        }
    }

    void afterCreate(AfterCreate hook) {
        this.afterCreate = hook;
    }

    private void process(PlanStore.Work work) {
        long id = work.itemId();
        Instant now = clock.instant();
        Optional<Secret> token = links.token(work.workspaceId());
        if (token.isEmpty()) {
            plans.retrying(
                    id,
                    now.plus(properties.tokenRefusedWait()),
                    "Attio is not connected in this workspace; the item waits until it is.");
            return;
        }
        AttioCalls.Context context = new AttioCalls.Context(
                work.workspaceId(),
                plans.actorOf(work.planId()),
                work.planId(),
                id,
                work.item().accountKey());
        try {
            schema.ensure(token.get(), context);
            if (work.item().action().equals("create")) {
                create(work, token.get(), context);
            } else {
                update(work, token.get(), context);
            }
        } catch (AttioSchema.Unfit | PersonChanged e) {
            plans.rejected(id, e.getMessage());
        } catch (AttioCalls.Paused e) {
            plans.retrying(id, now.plus(properties.breakerPause()), e.getMessage());
        } catch (AttioException.RateLimited e) {
            Duration wait = e.retryAfter().filter(d -> !d.isZero()).orElse(Duration.ofSeconds(1));
            plans.rateLimited(
                    id, clock.instant().plus(wait), "Attio's rate limit: retrying after " + wait.toMillis() + " ms.");
        } catch (AttioException.Unauthorized e) {
            String why = "Attio refused the token (revoked or inactive): reconnect Attio on the Connections page;"
                    + " the item waits and is sent once the token works.";
            links.refused(work.workspaceId(), "Attio refused the token while sending deals (revoked or inactive).");
            schema.forget();
            plans.retrying(id, now.plus(properties.tokenRefusedWait()), why);
        } catch (AttioException.Forbidden e) {
            plans.rejected(id, "Attio refused the write (" + e.getMessage() + ")");
        } catch (AttioException.Unreachable e) {
            retryOrReject(work, e.getMessage());
        } catch (AttioException.ApiError e) {
            if (e.transientFailure()) {
                retryOrReject(work, e.getMessage());
            } else {
                plans.rejected(id, e.getMessage());
            }
        } catch (AttioException.NotFound e) {
            plans.rejected(id, "Attio did not find it: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Applying routing item {} failed", id, e);
            retryOrReject(work, "Beton failed: " + e.getMessage());
        }
    }

    private void retryOrReject(PlanStore.Work work, String error) {
        if (work.attempts() >= properties.maxAttempts()) {
            plans.rejected(work.itemId(), "given up after " + work.attempts() + " attempts: " + error);
        } else {
            plans.retrying(work.itemId(), clock.instant().plus(properties.backoff(work.attempts())), error);
        }
    }

    private void create(PlanStore.Work work, Secret token, AttioCalls.Context context) {
        Plan.Item item = work.item();
        Payload payload = work.payload();
        Map<String, Object> values = new LinkedHashMap<>(payload.values());
        Optional<String> companyId = item.companyRecordId();
        if (companyId.isEmpty() && payload.createCompany()) {
            companyId = Optional.of(company(token, context, payload));
            companies.save(context.workspaceId(), item.accountKey(), companyId.get(), CompanyLinks.Source.CREATED);
            values.put(
                    "associated_company",
                    List.of(Map.of("target_object", "companies", "target_record_id", companyId.get())));
        }
        Optional<AttioRecord> earlier = byKey(token, item.betonKey());
        if (earlier.isEmpty() && DealValues.episodeOf(item.betonKey()) == 1) {
            // A deal an older Beton created under the key's form before install ids.
            earlier = byKey(token, DealValues.legacyKey(context.workspaceId(), item.accountKey()));
        }
        AttioRecord deal;
        String outcome;
        boolean createdHere = false;
        if (earlier.isPresent()) {
            deal = earlier.get();
            outcome = "deal " + deal.id() + " was already in Attio (an earlier attempt created it); recorded it";
        } else {
            try {
                deal = attio.write(
                        token, context, "POST /v2/objects/deals/records", c -> c.create(token, "deals", values));
                outcome = "deal " + deal.id() + " created";
                createdHere = true;
            } catch (AttioException.ApiError e) {
                if (!e.code().equals("uniqueness_conflict")) {
                    throw e;
                }
                // Another worker created it between the lookup and this create.
                deal = byKey(token, item.betonKey()).orElseThrow(() -> e);
                outcome = "deal " + deal.id() + " was created by another worker at the same moment; recorded it";
            }
            afterCreate.created(item.id(), deal.id());
        }
        deals.written(
                context.workspaceId(),
                item.betonKey(),
                item.accountKey(),
                deal.id(),
                companyId,
                Optional.of(deal.webUrl()).filter(u -> !u.isEmpty()),
                texts(values),
                payload.noteTitle());
        deals.seen(context.workspaceId(), deal.id(), deal.text("stage"), deal.actor("owner"));
        if (createdHere) {
            // A deal this attempt created has no note yet: no need to read its notes first (one read
            // of four per new deal, which under load kept the write budget waiting).
            writeNote(token, context, deal.id(), payload);
        } else {
            note(token, context, deal.id(), payload);
        }
        plans.done(item.id(), outcome + ", with its note", Optional.of(deal.id()), companyId);
    }

    private void update(PlanStore.Work work, Secret token, AttioCalls.Context context) {
        Plan.Item item = work.item();
        Payload payload = work.payload();
        DealStore.BetonDeal ours = deals.find(context.workspaceId(), item.betonKey())
                .orElseThrow(() ->
                        new PersonChanged("Beton has no record of creating this deal, so it does not" + " update it."));
        AttioRecord deal = attio.read(token, c -> c.record(token, "deals", ours.dealRecordId()));
        Map<String, String> wanted = texts(payload.values());
        for (Map.Entry<String, String> value : wanted.entrySet()) {
            String now = deal.text(value.getKey()).orElse("");
            String last = ours.lastWritten().getOrDefault(value.getKey(), "");
            if (!now.equals(last) && !now.equals(value.getValue())) {
                throw new PersonChanged("changed in Attio by a person since the plan was made: " + value.getKey()
                        + " is '" + now + "', Beton last wrote '" + last + "'");
            }
        }
        attio.write(
                token,
                context,
                "PATCH /v2/objects/deals/records/" + deal.id(),
                c -> c.update(token, "deals", deal.id(), payload.values()));
        deals.written(
                context.workspaceId(),
                item.betonKey(),
                item.accountKey(),
                deal.id(),
                ours.companyRecordId(),
                Optional.empty(),
                wanted,
                payload.noteTitle());
        note(token, context, deal.id(), payload);
        plans.done(
                item.id(),
                "deal " + deal.id() + " updated (" + String.join(", ", wanted.keySet()) + "), with a new note",
                Optional.of(deal.id()),
                Optional.empty());
    }

    /** The account's company: found by domain (someone may have added it since the plan), else created. */
    private String company(Secret token, AttioCalls.Context context, Payload payload) {
        Map<String, Object> byDomain = Map.of("domains", Map.of("domain", Map.of("$eq", payload.companyDomain())));
        List<AttioRecord> found = attio.read(token, c -> c.query(token, "companies", byDomain, 1));
        if (!found.isEmpty()) {
            return found.getFirst().id();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("domains", List.of(payload.companyDomain()));
        values.put("name", payload.companyName());
        try {
            return attio.write(
                            token,
                            context,
                            "POST /v2/objects/companies/records " + payload.companyDomain(),
                            c -> c.create(token, "companies", values))
                    .id();
        } catch (AttioException.ApiError e) {
            if (!e.code().equals("uniqueness_conflict")) {
                throw e;
            }
            return attio.read(token, c -> c.query(token, "companies", byDomain, 1)).stream()
                    .findFirst()
                    .orElseThrow(() -> e)
                    .id();
        }
    }

    private Optional<AttioRecord> byKey(Secret token, String betonKey) {
        return attio.read(token, c -> c.query(token, "deals", Map.of(DealValues.BETON_KEY, betonKey), 1)).stream()
                .findFirst();
    }

    /** A note per receipt: Attio has no idempotency key, so its title is looked for first. */
    private void note(Secret token, AttioCalls.Context context, String dealId, Payload payload) {
        if (attio.read(token, c -> c.noteTitles(token, "deals", dealId)).contains(payload.noteTitle())) {
            return;
        }
        writeNote(token, context, dealId, payload);
    }

    private void writeNote(Secret token, AttioCalls.Context context, String dealId, Payload payload) {
        attio.write(
                token,
                context,
                "POST /v2/notes on deal " + dealId,
                c -> c.createNote(token, "deals", dealId, payload.noteTitle(), payload.note()));
    }

    /** The values Beton compares later, as text: only those an update may change. */
    private static Map<String, String> texts(Map<String, Object> values) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String slug : DealValues.UPDATED) {
            if (values.containsKey(slug)) {
                texts.put(slug, String.valueOf(values.get(slug)));
            }
        }
        return texts;
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
