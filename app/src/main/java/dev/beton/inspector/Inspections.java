package dev.beton.inspector;

import dev.beton.detection.QuerySources;
import dev.beton.query.Dialect;
import dev.beton.query.EventQuerySource;
import dev.beton.query.Query;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * A workspace's inspection rules: stored with versions, the seed's examples given once, and run on
 * the workspace's event source (whichever it chose) as of an instant.
 */
@Service
public class Inspections {

    /** The company group index SQL previews assume; a run uses the source's own. */
    static final int PREVIEW_COMPANY_INDEX = 0;

    private final RuleStore store;
    private final QuerySources sources;
    private final Clock clock;

    Inspections(RuleStore store, QuerySources sources, Clock clock) {
        this.store = store;
        this.sources = sources;
        this.clock = clock;
    }

    /** The workspace's rules, oldest first; the seed's examples are added on the first call. */
    public List<StoredRule> rules(long workspaceId) {
        loadExamples(workspaceId);
        return store.all(workspaceId);
    }

    public Optional<StoredRule> rule(long workspaceId, long id) {
        loadExamples(workspaceId);
        return store.byId(workspaceId, id);
    }

    /** By id, or else by name (case-insensitive), as the command line names rules. */
    public Optional<StoredRule> find(long workspaceId, String idOrName) {
        loadExamples(workspaceId);
        String text = idOrName.strip();
        if (text.matches("\\d{1,18}")) {
            Optional<StoredRule> byId = store.byId(workspaceId, Long.parseLong(text));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return store.byName(workspaceId, text);
    }

    /** @throws InvalidRule, RuleNameTaken */
    public StoredRule create(long workspaceId, InspectionRule rule) {
        InspectionRule checked = checked(rule);
        loadExamples(workspaceId);
        try {
            return store.create(workspaceId, checked, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new RuleNameTaken(checked.name());
        }
    }

    /** A new version of the rule, or the same one if nothing changed; empty when there is no such rule. */
    public Optional<StoredRule> update(long workspaceId, long id, InspectionRule rule) {
        InspectionRule checked = checked(rule);
        try {
            return store.update(workspaceId, id, checked, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new RuleNameTaken(checked.name());
        }
    }

    public boolean delete(long workspaceId, long id) {
        return store.delete(workspaceId, id);
    }

    /** The instant "now" stands for in a run: whole seconds, so that a run can be repeated exactly. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Runs the rule's current version on the workspace's source as of {@code asOf}. */
    public PunchList run(long workspaceId, StoredRule rule, Instant asOf) {
        EventQuerySource source = open(workspaceId);
        return run(source, rule, asOf);
    }

    /**
     * The current version next to the previous one, on the same source and instant.
     *
     * @return empty when the rule has only one version
     */
    public Optional<ShadowRun> shadow(long workspaceId, StoredRule rule, Instant asOf) {
        if (rule.version() < 2) {
            return Optional.empty();
        }
        InspectionRule previous = store.version(rule.id(), rule.version() - 1).orElseThrow();
        EventQuerySource source = open(workspaceId);
        PunchList now = run(source, rule, asOf);
        PunchList before = run(
                source,
                new StoredRule(rule.id(), rule.version() - 1, previous, rule.createdAt(), rule.updatedAt()),
                asOf);
        return Optional.of(ShadowRun.of(now, before));
    }

    /** The rule's SQL in every dialect Beton speaks, for the page (company group index 0 assumed). */
    public static Map<Dialect, RenderedQuery> preview(InspectionRule rule, Instant asOf) {
        Query query = RuleCompiler.compile(rule, PREVIEW_COMPANY_INDEX);
        Map<Dialect, RenderedQuery> rendered = new LinkedHashMap<>();
        for (Dialect dialect : Dialect.values()) {
            rendered.put(dialect, dialect.render(query, asOf));
        }
        return rendered;
    }

    private PunchList run(EventQuerySource source, StoredRule rule, Instant asOf) {
        int companyIndex = 0;
        if (rule.rule().level() == InspectionRule.Level.ACCOUNT) {
            companyIndex = companyIndex(source);
        }
        // The source renders: ClickHouse adapts to its server version and the workspace schema mapping.
        RenderedQuery query = source.render(RuleCompiler.compile(rule.rule(), companyIndex), asOf);
        ResultRows rows;
        try {
            rows = source.runner().run(query);
        } catch (RuntimeException e) {
            throw new InspectionFailed(
                    "Running \"" + rule.rule().name() + "\" on " + source.description() + " failed: " + e.getMessage(),
                    e);
        }
        List<Finding> findings =
                rows.list().stream().map(row -> Finding.of(row, rule.rule())).toList();
        return PunchList.of(rule, query, source.description(), asOf, findings);
    }

    private static int companyIndex(EventQuerySource source) {
        OptionalInt index;
        try {
            index = source.accountGroupIndex();
        } catch (RuntimeException e) {
            throw new InspectionFailed(
                    "Account-level rules need the company group type of " + source.description() + ": "
                            + e.getMessage(),
                    e);
        }
        if (index.isEmpty()) {
            throw new InspectionFailed(
                    source.description() + " has no \"company\" group type yet, so there are no accounts to"
                            + " inspect. Send events with $groups {\"company\": …} first.",
                    null);
        }
        return index.getAsInt();
    }

    private EventQuerySource open(long workspaceId) {
        try {
            return sources.of(workspaceId);
        } catch (RuntimeException e) {
            throw new InspectionFailed(e.getMessage(), e);
        }
    }

    private static InspectionRule checked(InspectionRule rule) {
        List<RuleProblem> problems = rule.problems();
        if (!problems.isEmpty()) {
            throw new InvalidRule(problems);
        }
        return rule.normalised();
    }

    private void loadExamples(long workspaceId) {
        if (store.examplesLoaded(workspaceId) || !store.markExamplesLoaded(workspaceId, clock.instant())) {
            return;
        }
        for (InspectionRule example : ExampleRules.all()) {
            try {
                store.create(workspaceId, example, clock.instant());
            } catch (DuplicateKeyException nameTaken) {
                // A rule of that name was made before the examples arrived: the person's rule wins.
            }
        }
    }
}
