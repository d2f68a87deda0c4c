package dev.beton.signals;

import dev.beton.query.Query;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A {@link CustomSignal} among the catalog's definitions, so that it is run, cooled down and scored like the eight. */
final class RuleSignal implements SignalDefinition {

    private final CustomSignal custom;

    RuleSignal(CustomSignal custom) {
        this.custom = custom;
    }

    CustomSignal custom() {
        return custom;
    }

    @Override
    public SignalType type() {
        return custom.type();
    }

    @Override
    public int version() {
        return custom.ruleVersion();
    }

    @Override
    public String description() {
        return custom.description();
    }

    @Override
    public List<TimeWindow> windows(SignalSettings settings) {
        return custom.windows();
    }

    @Override
    public Query query(SignalSettings settings, int companyGroupIndex) {
        return custom.query().apply(companyGroupIndex);
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        return rows.list().stream()
                .map(row -> custom.reader().read(row, asOf))
                .flatMap(Optional::stream)
                .map(r -> new Candidate(r.accountKey(), r.measure(), r.evidence()))
                .sorted(Comparator.comparing(Candidate::accountKey))
                .toList();
    }
}
