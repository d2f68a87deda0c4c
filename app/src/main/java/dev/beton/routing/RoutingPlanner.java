package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.crm.AttioException;
import dev.beton.crm.AttioRecord;
import dev.beton.detection.SignalSettingsStore;
import dev.beton.signals.ScoreReceipt;
import dev.beton.store.Installation;
import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a plan from the workspace's latest score receipts: one item per account at or above the
 * routing threshold — create a deal, update Beton's deal, or skip with the reason — plus an item
 * for every deal Beton made whose account fell below it. Reads Attio (companies, deals) but writes
 * nothing there; the plan is stored with its id, and applying it is {@link RoutingOutbox}'s job.
 */
@Service
public class RoutingPlanner {

    private final AttioLinks links;
    private final AttioCalls attio;
    private final RoutingSettingsStore settings;
    private final SignalSettingsStore signalSettings;
    private final CompanyLinks companies;
    private final DealStore deals;
    private final PlanStore plans;
    private final AccountFacts facts;
    private final Workspaces workspaces;
    private final RoutingProperties properties;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final FollowUps followUps;
    private final Installation installation;
    private final Clock clock;

    RoutingPlanner(
            AttioLinks links,
            AttioCalls attio,
            RoutingSettingsStore settings,
            SignalSettingsStore signalSettings,
            CompanyLinks companies,
            DealStore deals,
            PlanStore plans,
            AccountFacts facts,
            Workspaces workspaces,
            RoutingProperties properties,
            JdbcClient jdbc,
            JsonMapper json,
            FollowUps followUps,
            Installation installation,
            Clock clock) {
        this.followUps = followUps;
        this.installation = installation;
        this.clock = clock;
        this.links = links;
        this.attio = attio;
        this.settings = settings;
        this.signalSettings = signalSettings;
        this.companies = companies;
        this.deals = deals;
        this.plans = plans;
        this.facts = facts;
        this.workspaces = workspaces;
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @throws ProblemException 409 when Attio is not connected or cannot be read (deals disabled,
     *     token refused), with the sentence saying what to do
     */
    public Plan plan(long workspaceId, String trigger, String actor) {
        return plan(workspaceId, trigger, actor, Optional.empty());
    }

    /**
     * Plans and applies at once (auto-apply after detection): items go into the outbox
     * {@value #CHUNK} accounts at a time, hottest first, and {@code queued} runs after each chunk
     * (to wake the outbox). Planning 10,000 accounts reads Attio for minutes; the first deal need not
     * wait for the last account's reads.
     *
     * @throws ProblemException as {@link #plan(long, String, String)}
     */
    Plan planApplying(long workspaceId, String trigger, String actor, Runnable queued) {
        return planApplying(workspaceId, trigger, actor, queued, CHUNK);
    }

    /** {@link #planApplying(long, String, String, Runnable)} with another chunk size (tests). */
    Plan planApplying(long workspaceId, String trigger, String actor, Runnable queued, int chunk) {
        return plan(workspaceId, trigger, actor, Optional.of(new Streamed(queued, chunk)));
    }

    private record Streamed(Runnable queued, int chunk) {}

    /** How many planned accounts go into the outbox together when planning and applying at once. */
    static final int CHUNK = 50;

    private Plan plan(long workspaceId, String trigger, String actor, Optional<Streamed> applying) {
        Secret token = links.token(workspaceId)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.CONFLICT,
                        "attio-not-connected",
                        "Attio is not connected",
                        "Attio is not connected in this workspace: connect it on the Connections page first."));
        try {
            return makePlan(workspaceId, token, trigger, actor, applying);
        } catch (AttioException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "attio-unavailable", "Attio cannot be read", whyUnreadable(e));
        } catch (AttioCalls.Paused e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "attio-unavailable", "Attio cannot be read", e.getMessage());
        }
    }

    static String whyUnreadable(AttioException e) {
        return switch (e) {
            case AttioException.Unauthorized u ->
                "Attio refused the token (revoked or inactive): reconnect Attio on the Connections page.";
            case AttioException.Forbidden f -> "Attio refused a read: " + f.getMessage();
            case AttioException.NotFound n ->
                "Attio has no Deals object in this workspace: a workspace admin enables it under Workspace settings"
                        + " → Objects.";
            case AttioException.RateLimited r -> "Attio is limiting requests right now; try again in a few seconds.";
            case AttioException.Unreachable u -> "Beton could not reach Attio: " + u.getMessage();
            case AttioException.ApiError a -> a.getMessage();
        };
    }

    private Plan makePlan(long workspaceId, Secret token, String trigger, String actor, Optional<Streamed> applying) {
        RoutingSettings routing = settings.current(workspaceId);
        int threshold = signalSettings.current(workspaceId).routingThreshold();
        String slug = workspaces.byId(workspaceId).orElseThrow().slug();
        Optional<Instant> asOf = latestAsOf(workspaceId);
        Map<String, ScoreReceipt> receipts =
                asOf.map(at -> receipts(workspaceId, at)).orElse(Map.of());
        Map<String, AccountFacts.Facts> known =
                asOf.map(at -> facts.all(workspaceId, at)).orElse(Map.of());
        Owner owner = owner(token, routing);

        Items items = applying.<Items>map(queued ->
                        new Applying(plans.open(workspaceId, asOf, trigger, actor, threshold), workspaceId, queued))
                .orElseGet(Collected::new);
        List<String> warnings = new ArrayList<>();
        List<ScoreReceipt> hot = receipts.values().stream()
                .filter(r -> r.score() >= threshold)
                .sorted(Comparator.comparingInt(ScoreReceipt::score).reversed().thenComparing(ScoreReceipt::accountKey))
                .toList();
        int unresolved = 0;
        try {
            for (ScoreReceipt receipt : hot) {
                AccountFacts.Facts account =
                        known.getOrDefault(receipt.accountKey(), AccountFacts.fallback(receipt.accountKey()));
                PlanStore.NewItem item = itemFor(workspaceId, slug, token, routing, owner, receipt, account);
                if (item.reason() != null && item.reason().startsWith("unresolved company")) {
                    unresolved++;
                }
                items.add(item);
            }
            for (DealStore.BetonDeal deal : deals.all(workspaceId)) {
                ScoreReceipt receipt = receipts.get(deal.accountKey());
                if (receipt == null || receipt.score() < threshold) {
                    AccountFacts.Facts account =
                            known.getOrDefault(deal.accountKey(), AccountFacts.fallback(deal.accountKey()));
                    items.add(skip(
                            deal.accountKey(),
                            account,
                            receipt == null ? 0 : receipt.score(),
                            deal.betonKey(),
                            Optional.of(deal.dealRecordId()),
                            "below threshold: score " + (receipt == null ? "not computed" : receipt.score()) + " < "
                                    + threshold + "; the deal is left as it is"));
                }
            }
        } catch (AttioException | AttioCalls.Paused e) {
            items.stopped("Planning stopped half-way: "
                    + (e instanceof AttioException attio ? whyUnreadable(attio) : e.getMessage())
                    + " The items listed were applied; the next detection run plans the rest.");
            throw e;
        }
        if (unresolved > 0) {
            warnings.add(unresolved + (unresolved == 1 ? " hot account has" : " hot accounts have")
                    + " no company in Attio and " + (unresolved == 1 ? "was" : "were")
                    + " skipped (setting: skip unresolved). Add an override on the Routing page, or set unresolved"
                    + " companies to 'create'.");
        }
        if (asOf.isEmpty()) {
            warnings.add("No detection run has scored any account yet: run detection first.");
        }
        long id = items.finish(
                plan -> plans.save(workspaceId, asOf, trigger, actor, threshold, warnings, plan), warnings);
        return plans.plan(workspaceId, id).orElseThrow();
    }

    /** Where planned items go: kept for one stored plan, or into the outbox as they are planned. */
    private interface Items {
        void add(PlanStore.NewItem item);

        /** Planning failed half-way: what was planned so far is kept, with the reason. */
        void stopped(String warning);

        /** @return the stored plan's id; {@code save} stores collected items */
        long finish(java.util.function.ToLongFunction<List<PlanStore.NewItem>> save, List<String> warnings);
    }

    private static final class Collected implements Items {
        private final List<PlanStore.NewItem> items = new ArrayList<>();

        @Override
        public void add(PlanStore.NewItem item) {
            items.add(item);
        }

        @Override
        public void stopped(String warning) {
            // nothing stored yet: the caller's problem says why there is no plan
        }

        @Override
        public long finish(java.util.function.ToLongFunction<List<PlanStore.NewItem>> save, List<String> warnings) {
            return save.applyAsLong(items);
        }
    }

    /**
     * Items of a plan applied while it is made. An item planned from an account's state is written
     * before the next chunk's reads begin, so it is exactly the item the whole plan would hold.
     */
    private final class Applying implements Items {
        private final long planId;
        private final long workspaceId;
        private final Streamed streamed;
        private final List<PlanStore.NewItem> chunk = new ArrayList<>();

        Applying(long planId, long workspaceId, Streamed streamed) {
            this.planId = planId;
            this.workspaceId = workspaceId;
            this.streamed = streamed;
        }

        @Override
        public void add(PlanStore.NewItem item) {
            chunk.add(item);
            if (chunk.size() >= streamed.chunk()) {
                flush();
            }
        }

        private void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            plans.append(planId, workspaceId, chunk);
            chunk.clear();
            streamed.queued().run();
        }

        @Override
        public void stopped(String warning) {
            finish(plan -> planId, List.of(warning));
        }

        @Override
        public long finish(java.util.function.ToLongFunction<List<PlanStore.NewItem>> save, List<String> warnings) {
            flush();
            plans.close(planId, workspaceId, warnings);
            return planId;
        }
    }

    /** Who owns new deals: the configured member, else the member who created the token. */
    private record Owner(Object value, String shown) {}

    private Owner owner(Secret token, RoutingSettings routing) {
        if (routing.defaultOwner().isPresent()) {
            return new Owner(
                    routing.defaultOwner().get(), routing.defaultOwner().get());
        }
        String member = attio.read(token, c -> c.self(token)).authorizedBy();
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("referenced_actor_type", "workspace-member");
        actor.put("referenced_actor_id", member);
        return new Owner(actor, "the member who created the Attio token");
    }

    private PlanStore.NewItem itemFor(
            long workspaceId,
            String slug,
            Secret token,
            RoutingSettings routing,
            Owner owner,
            ScoreReceipt receipt,
            AccountFacts.Facts account) {
        Optional<DealStore.BetonDeal> ours = deals.latest(workspaceId, receipt.accountKey());
        String key = ours.map(DealStore.BetonDeal::betonKey)
                .orElseGet(() -> DealValues.betonKey(installation.id(), workspaceId, receipt.accountKey(), 1));
        String link = DealValues.link(properties, slug, receipt.accountKey());
        Map<String, String> wanted = DealValues.updatable(receipt, account.health(), link);
        Payload note = new Payload(
                Map.of(),
                false,
                account.domain().orElse(null),
                account.name(),
                DealValues.noteTitle(receipt),
                DealValues.note(receipt, account.health(), link));
        Optional<FollowUps.Mark> mark = followUps.current(workspaceId, receipt.accountKey());
        if (mark.isPresent()) {
            return skip(
                    receipt.accountKey(),
                    account,
                    receipt.score(),
                    key,
                    Optional.empty(),
                    "marked " + mark.get().outcome() + " by " + mark.get().markedBy() + " ("
                            + mark.get().reason() + "); not routed again before "
                            + mark.get().cooldownUntil().toString().substring(0, 10));
        }
        String episode = "";
        if (ours.isPresent()) {
            // The episode of Beton's latest deal goes on unless it ended: a Done/Disqualified mark
            // made after the deal (its cooldown is over, or the account was skipped above), or a
            // won/lost stage seen at least the reroute cooldown ago.
            DealStore.BetonDeal current = ours.get();
            Optional<FollowUps.Mark> lastMark = followUps
                    .last(workspaceId, receipt.accountKey())
                    .filter(m -> m.markedAt().isAfter(current.createdAt()));
            if (lastMark.isEmpty()) {
                Optional<PlanStore.NewItem> same =
                        existing(workspaceId, receipt, account, key, current, wanted, note, token, routing);
                if (same.isPresent()) {
                    return same.get();
                }
            }
            // Re-read: the close may have been recorded just now.
            DealStore.BetonDeal latest =
                    deals.find(workspaceId, current.betonKey()).orElse(current);
            int next = latest.episode() + 1;
            key = DealValues.betonKey(installation.id(), workspaceId, receipt.accountKey(), next);
            episode = "routing episode " + next + ", as "
                    + lastMark.map(m -> "the account was marked " + m.outcome() + " on "
                                    + m.markedAt().toString().substring(0, 10))
                            .orElseGet(() -> "the previous deal closed as "
                                    + latest.closedStage().orElse("?") + " on "
                                    + latest.closedAt()
                                            .map(at -> at.toString().substring(0, 10))
                                            .orElse("?"))
                    + "; ";
        }
        Resolution company = resolve(workspaceId, token, receipt.accountKey(), account);
        if (company.recordId().isEmpty()) {
            if (routing.unresolved() == RoutingSettings.Unresolved.SKIP
                    || account.domain().isEmpty()) {
                return skip(
                        receipt.accountKey(),
                        account,
                        receipt.score(),
                        key,
                        Optional.empty(),
                        "unresolved company: " + company.note());
            }
        } else {
            List<AttioRecord> companyDeals = attio.read(
                    token,
                    c -> c.query(
                            token,
                            "deals",
                            Map.of(
                                    "associated_company",
                                    Map.of(
                                            "target_object",
                                            "companies",
                                            "target_record_id",
                                            company.recordId().get())),
                            50));
            Optional<AttioRecord> someoneElses = companyDeals.stream()
                    .filter(d -> d.text(DealValues.BETON_KEY).orElse("").isEmpty())
                    .filter(d -> !routing.closed(d.text("stage").orElse("")))
                    .findFirst();
            if (someoneElses.isPresent()) {
                return skip(
                        receipt.accountKey(),
                        account,
                        receipt.score(),
                        key,
                        Optional.of(someoneElses.get().id()),
                        "deal owned by someone else: the open deal '"
                                + someoneElses.get().text("name").orElse("?") + "' ("
                                + someoneElses.get().text("stage").orElse("no stage")
                                + ") on this company was not made by Beton");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(DealValues.BETON_KEY, key);
        values.put("name", account.name() + " (PQL)");
        values.put("stage", routing.initialStage());
        values.put("owner", owner.value());
        company.recordId()
                .ifPresent(id -> values.put(
                        "associated_company", List.of(Map.of("target_object", "companies", "target_record_id", id))));
        values.put(DealValues.LEAD_SOURCE, DealValues.PQL);
        values.putAll(DealValues.writable(wanted));
        List<Plan.Change> diff = new ArrayList<>();
        diff.add(new Plan.Change("name", "", account.name() + " (PQL)"));
        diff.add(new Plan.Change("stage", "", routing.initialStage()));
        diff.add(new Plan.Change("owner", "", owner.shown()));
        diff.add(new Plan.Change(
                "associated_company",
                "",
                company.recordId()
                        .map(id -> "Attio company " + id)
                        .orElse("new company " + account.domain().orElseThrow())));
        diff.add(new Plan.Change(DealValues.LEAD_SOURCE, "", DealValues.PQL));
        wanted.forEach((slug2, value) -> diff.add(new Plan.Change(slug2, "", value)));
        boolean create = company.recordId().isEmpty();
        return new PlanStore.NewItem(
                receipt.accountKey(),
                account.name(),
                account.domain(),
                receipt.score(),
                "create",
                episode
                        + (create
                                ? "new deal; the company is created in Attio (no company has "
                                        + account.domain().get() + ")"
                                : "new deal on " + company.note()),
                key,
                company.recordId(),
                Optional.empty(),
                diff,
                new Payload(values, create, note.companyDomain(), note.companyName(), note.noteTitle(), note.note()));
    }

    /** The plan item for Beton's deal of the account's current episode; empty when that episode ended. */
    private Optional<PlanStore.NewItem> existing(
            long workspaceId,
            ScoreReceipt receipt,
            AccountFacts.Facts account,
            String key,
            DealStore.BetonDeal ours,
            Map<String, String> wanted,
            Payload note,
            Secret token,
            RoutingSettings routing) {
        AttioRecord deal;
        try {
            deal = attio.read(token, c -> c.record(token, "deals", ours.dealRecordId()));
        } catch (AttioException.NotFound gone) {
            return Optional.of(skip(
                    receipt.accountKey(),
                    account,
                    receipt.score(),
                    key,
                    Optional.of(ours.dealRecordId()),
                    "the deal Beton created was deleted in Attio; Beton does not create it again"));
        }
        deals.seen(workspaceId, deal.id(), deal.text("stage"), deal.actor("owner"));
        String stage = deal.text("stage").orElse("");
        if (routing.closed(stage)) {
            Instant closedAt =
                    ours.closedAt().orElseGet(() -> deal.since("stage").orElse(clock.instant()));
            if (ours.closedAt().isEmpty()) {
                deals.closed(workspaceId, key, stage, closedAt);
            }
            Instant again = closedAt.plus(properties.rerouteAfter());
            if (!again.isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(skip(
                    receipt.accountKey(),
                    account,
                    receipt.score(),
                    key,
                    Optional.of(deal.id()),
                    "closed deal: its stage is " + stage + "; a new deal can be made from "
                            + again.toString().substring(0, 10) + " if the account is still hot"));
        }
        if (ours.closedAt().isPresent()) {
            deals.reopened(workspaceId, key);
        }
        List<String> personChanged = new ArrayList<>();
        List<Plan.Change> diff = new ArrayList<>();
        Map<String, String> changes = new LinkedHashMap<>();
        wanted.forEach((slug, value) -> {
            String now = deal.text(slug).orElse("");
            String last = ours.lastWritten().getOrDefault(slug, "");
            if (!now.equals(last) && !now.equals(value)) {
                personChanged.add(slug + " (Beton wrote " + shown(last) + ", Attio has " + shown(now) + ")");
            } else if (!now.equals(value)) {
                changes.put(slug, value);
                diff.add(new Plan.Change(slug, now, value));
            }
        });
        if (!personChanged.isEmpty()) {
            return Optional.of(skip(
                    receipt.accountKey(),
                    account,
                    receipt.score(),
                    key,
                    Optional.of(deal.id()),
                    "changed in Attio by a person: " + String.join(", ", personChanged)));
        }
        if (changes.isEmpty()) {
            return Optional.of(
                    skip(receipt.accountKey(), account, receipt.score(), key, Optional.of(deal.id()), "no change"));
        }
        return Optional.of(new PlanStore.NewItem(
                receipt.accountKey(),
                account.name(),
                account.domain(),
                receipt.score(),
                "update",
                "score or signals changed; a new note is added",
                key,
                ours.companyRecordId(),
                Optional.of(deal.id()),
                diff,
                new Payload(
                        DealValues.writable(changes),
                        false,
                        note.companyDomain(),
                        note.companyName(),
                        note.noteTitle(),
                        note.note())));
    }

    /** The company found for an account, and how, in words. */
    record Resolution(Optional<String> recordId, String note) {}

    /** Override, then domain (most recently changed when several share it), then the stored mapping. */
    Resolution resolve(long workspaceId, Secret token, String accountKey, AccountFacts.Facts account) {
        Optional<CompanyLinks.Link> link = companies.find(workspaceId, accountKey);
        if (link.isPresent() && link.get().source() == CompanyLinks.Source.OVERRIDE) {
            return new Resolution(
                    Optional.of(link.get().recordId()),
                    "Attio company " + link.get().recordId() + " (override)");
        }
        if (account.domain().isPresent()) {
            String domain = account.domain().get();
            // Attio keeps a domain on one company only, but several can share it as their root
            // domain (eu.acme.com, us.acme.com): an exact match wins, else the root-domain matches.
            Map<String, Object> filter = Map.of(
                    "$or",
                    List.of(
                            Map.of("domains", Map.of("domain", Map.of("$eq", domain))),
                            Map.of("domains", Map.of("root_domain", Map.of("$eq", domain)))));
            List<AttioRecord> matches = attio.read(token, c -> c.query(token, "companies", filter, 25));
            List<AttioRecord> exact =
                    matches.stream().filter(r -> r.domains().contains(domain)).toList();
            List<AttioRecord> found = exact.isEmpty() ? matches : exact;
            if (!found.isEmpty()) {
                AttioRecord chosen = found.stream()
                        .max(Comparator.comparing(AttioRecord::lastChanged).thenComparing(AttioRecord::id))
                        .orElseThrow();
                companies.save(workspaceId, accountKey, chosen.id(), CompanyLinks.Source.DOMAIN);
                String name = chosen.text("name").orElse(domain);
                return new Resolution(
                        Optional.of(chosen.id()),
                        found.size() == 1
                                ? "company " + name + " (domain " + domain + ")"
                                : found.size() + " Attio companies have the domain " + domain
                                        + "; took the most recently updated, " + name + " (" + chosen.id() + ")");
            }
        }
        if (link.isPresent()) {
            return new Resolution(
                    Optional.of(link.get().recordId()),
                    "Attio company " + link.get().recordId() + " ("
                            + link.get().source().column() + " earlier)");
        }
        return new Resolution(
                Optional.empty(),
                account.domain()
                        .map(d -> "no Attio company has the domain " + d)
                        .orElse("the account has no domain to match (neither its key nor a 'domain' property)"));
    }

    private PlanStore.NewItem skip(
            String accountKey,
            AccountFacts.Facts account,
            int score,
            String key,
            Optional<String> dealId,
            String reason) {
        return new PlanStore.NewItem(
                accountKey,
                account.name(),
                account.domain(),
                score,
                "skip",
                reason,
                key,
                Optional.empty(),
                dealId,
                List.of(),
                new Payload(Map.of(), false, null, account.name(), "", ""));
    }

    private static String shown(String value) {
        return value.isEmpty() ? "nothing" : "'" + value + "'";
    }

    private Optional<Instant> latestAsOf(long workspaceId) {
        return jdbc.sql("SELECT max(as_of) AS latest FROM score_receipts WHERE workspace_id = ?")
                .param(workspaceId)
                .query((rs, row) -> Timestamps.optionalInstant(rs, "latest"))
                .single();
    }

    private Map<String, ScoreReceipt> receipts(long workspaceId, Instant asOf) {
        Map<String, ScoreReceipt> receipts = new LinkedHashMap<>();
        jdbc
                .sql("SELECT receipt FROM score_receipts WHERE workspace_id = ? AND as_of = ?")
                .params(workspaceId, Timestamps.of(asOf))
                .query(String.class)
                .list()
                .stream()
                .map(text -> json.readValue(text, ScoreReceipt.class))
                .filter(Objects::nonNull)
                .forEach(r -> receipts.put(r.accountKey(), r));
        return receipts;
    }
}
