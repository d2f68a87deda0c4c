package dev.beton.dashboards;

import dev.beton.detection.QuerySources;
import dev.beton.query.EventQuerySource;
import dev.beton.query.ResultRows;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * Every account's health score as of an instant, from the workspace's chosen event source (the
 * embedded store, PostHog through the query budget, or ClickHouse): the same definition as the
 * Account Health dashboard ({@link AccountHealth}), so a deal's {@code beton_health_score} and the
 * dashboard never disagree. One query per call.
 */
@Component
public class AccountHealthScores {

    /** As many accounts as one PostHog HogQL answer may hold; the other sources take it too. */
    static final int MOST_ACCOUNTS = 50_000;

    private final QuerySources sources;

    AccountHealthScores(QuerySources sources) {
        this.sources = sources;
    }

    /** The health inputs per account (the account group at index {@code company}), in the query model. */
    public static dev.beton.query.Query query(int company) {
        return TileQueries.healthInputs(company, MOST_ACCOUNTS);
    }

    /**
     * @return account key → score 0–100 for the accounts with a product event in the 30 days before
     *     {@code asOf}; an account missing from the map scores 0 (no recent use)
     * @throws RuntimeException the source's own failure (PostHog not connected, budget spent, …),
     *     with a sentence
     */
    public Map<String, Integer> asOf(long workspaceId, Instant asOf) {
        EventQuerySource source = sources.of(workspaceId);
        OptionalInt company = source.accountGroupIndex();
        Map<String, Integer> scores = new HashMap<>();
        if (company.isEmpty()) {
            return scores;
        }
        ResultRows rows = source.run(query(company.getAsInt()), asOf);
        for (ResultRows.Row row : rows.list()) {
            scores.put(row.requiredText("account"), AccountHealth.of(row).score());
        }
        return scores;
    }
}
