package dev.beton.explorer;

import dev.beton.events.browse.EventCursor;
import dev.beton.events.browse.EventFilter;
import dev.beton.events.browse.EventLog;
import dev.beton.events.browse.EventPage;
import dev.beton.events.browse.StoredEvent;
import dev.beton.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What the explorer page and API both answer, so they never disagree. */
@Service
class Explorer {

    /** The CSV export of events stops here (the API pages through more). */
    static final int MAX_CSV_EVENTS = 10_000;

    static final int TOP = 10;

    private final ExplorerTables tables;
    private final ExplorerStore store;
    private final EventLog log;
    private final Clock clock;
    private final SourceViews views;

    Explorer(ExplorerTables tables, ExplorerStore store, EventLog log, Clock clock, SourceViews views) {
        this.views = views;
        this.tables = tables;
        this.store = store;
        this.log = log;
        this.clock = clock;
    }

    /** Which events: any of them may be blank (no condition); {@code period} bounds the timestamps. */
    record EventQuery(String event, String distinctId, String account, Optional<Period> period) {

        EventFilter filter(int limit, Optional<String> cursor) {
            try {
                return new EventFilter(
                        present(event),
                        present(distinctId),
                        present(account),
                        period.map(Period::start),
                        period.map(Period::end),
                        limit,
                        cursor.filter(c -> !c.isBlank()).map(EventCursor::decode));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
        }

        private static Optional<String> present(String value) {
            return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
        }
    }

    /** A person: their activity (empty when they have no event), accounts, and latest events. */
    record Person(
            String distinctId,
            Optional<ExplorerStore.UserActivity> activity,
            List<ExplorerStore.AccountTouch> accounts,
            List<StoredEvent> latestEvents) {}

    /** The exploratory views of one period. */
    record Views(
            Period period,
            List<ExplorerStore.DayCount> volume,
            long total,
            List<ExplorerStore.NameCount> topEvents,
            List<ExplorerStore.NameCount> topUsers,
            List<ExplorerStore.NameCount> topAccounts,
            String source) {}

    TablePage<ExplorerTables.AccountRow> accounts(
            long workspaceId, ExplorerTables.AccountFilter filter, String sort, boolean desc, int page, int size) {
        return TablePage.of(tables.accounts(workspaceId), filter, ExplorerTables.ACCOUNT_SORTS, sort, desc, page, size);
    }

    String accountsCsv(long workspaceId, ExplorerTables.AccountFilter filter, String sort, boolean desc) {
        return ExplorerCsv.accounts(
                TablePage.sorted(tables.accounts(workspaceId), filter, ExplorerTables.ACCOUNT_SORTS, sort, desc));
    }

    TablePage<ExplorerStore.UserActivity> users(
            long workspaceId, ExplorerTables.UserFilter filter, String sort, boolean desc, int page, int size) {
        return TablePage.of(tables.users(workspaceId), filter, ExplorerTables.USER_SORTS, sort, desc, page, size);
    }

    String usersCsv(long workspaceId, ExplorerTables.UserFilter filter, String sort, boolean desc) {
        return ExplorerCsv.users(
                TablePage.sorted(tables.users(workspaceId), filter, ExplorerTables.USER_SORTS, sort, desc));
    }

    EventPage events(long workspaceId, EventQuery query, int limit, Optional<String> cursor) {
        return log.page(workspaceId, query.filter(limit, cursor));
    }

    String eventsCsv(long workspaceId, EventQuery query) {
        List<StoredEvent> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            EventPage page = log.page(workspaceId, query.filter(EventFilter.MAX_LIMIT, cursor));
            all.addAll(page.results());
            cursor = page.next();
        } while (cursor.isPresent() && all.size() < MAX_CSV_EVENTS);
        return ExplorerCsv.events(all.subList(0, Math.min(all.size(), MAX_CSV_EVENTS)));
    }

    Person person(long workspaceId, String distinctId) {
        Instant now = clock.instant();
        Optional<ExplorerStore.UserActivity> activity = store.users(workspaceId, now).stream()
                .filter(u -> u.distinctId().equals(distinctId))
                .findFirst();
        List<StoredEvent> latest = log.page(
                        workspaceId, new EventQuery("", distinctId, "", Optional.empty()).filter(50, Optional.empty()))
                .results();
        if (activity.isEmpty() && latest.isEmpty()) {
            throw ProblemException.notFound("There is no user '" + distinctId + "' in this workspace.");
        }
        return new Person(distinctId, activity, store.accountsOf(workspaceId, distinctId, now), latest);
    }

    Views views(long workspaceId, Period period) {
        return views.views(workspaceId, period, TOP);
    }
}
