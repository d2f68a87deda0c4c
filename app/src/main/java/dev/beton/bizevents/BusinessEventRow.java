package dev.beton.bizevents;

import dev.beton.bizevents.BusinessEvent.CostOptimization;
import dev.beton.bizevents.BusinessEvent.EmailDeliverability;
import dev.beton.bizevents.BusinessEvent.OperationalEfficiency;
import dev.beton.bizevents.BusinessEvent.RevenueImpact;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBAppender;

/**
 * One row of the warehouse table {@code business_events} (migration V70): what the executive
 * summary reads of one business event, typed. Built from the event the validator typed, so the
 * summary's SQL over these columns and the Java calculation over {@link BusinessEvent}s read the
 * very same values (the actions already stripped, as {@link BusinessEvent#actions()} gives them).
 *
 * @param typed null when the event breaks its schema (the row then only says so)
 */
record BusinessEventRow(UUID uuid, String event, Instant timestamp, String tenantId, BusinessEvent typed) {

    static final int COLUMNS = 22;

    static BusinessEventRow valid(UUID uuid, String event, Instant timestamp, BusinessEvent typed) {
        return new BusinessEventRow(uuid, event, timestamp, typed.tenantId(), typed);
    }

    static BusinessEventRow invalid(UUID uuid, String event, Instant timestamp, String tenantId) {
        return new BusinessEventRow(uuid, event, timestamp, tenantId, null);
    }

    /** Appends the row in the table's column order. */
    void appendTo(DuckDBAppender appender) throws SQLException {
        appender.beginRow();
        for (Object value : values()) {
            append(appender, value);
        }
        appender.endRow();
    }

    private Object[] values() {
        Object[] v = new Object[COLUMNS];
        v[0] = uuid;
        v[1] = event;
        v[2] = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
        v[3] = typed != null;
        v[4] = tenantId;
        switch (typed) {
            case RevenueImpact r -> {
                v[5] = r.impactAmount();
                v[6] = r.impactType();
                v[7] = r.urgencyLevel();
                v[8] = r.priorityLevel();
            }
            case OperationalEfficiency o -> {
                v[9] = o.efficiencyScore();
                v[10] = o.requiresExecutiveAttention();
            }
            case EmailDeliverability d -> {
                v[11] = d.bounceRate();
                v[12] = d.emailCount();
                v[13] = d.riskLevel();
            }
            case CostOptimization c -> {
                v[13] = c.riskLevel();
                v[14] = c.optimizationCategory();
                v[15] = c.optimizationType();
                v[16] = c.savingsAmount();
                v[17] = c.savingsPercentage();
                v[18] = c.roi();
                v[19] = c.baselineCost();
                v[20] = c.optimizedCost();
            }
            case null, default -> {}
        }
        v[21] = typed == null ? List.of() : typed.actions();
        return v;
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        switch (value) {
            case null -> appender.appendNull();
            case String s -> appender.append(s);
            case Double d -> appender.append(d.doubleValue());
            case Long l -> appender.append(l.longValue());
            case Boolean b -> appender.append(b.booleanValue());
            case UUID u -> appender.append(u);
            case LocalDateTime t -> appender.append(t);
            case Collection<?> list -> appender.append(list);
            default -> throw new IllegalArgumentException("no column type for " + value.getClass());
        }
    }

    @Override
    public String toString() {
        return "BusinessEventRow" + Arrays.toString(values());
    }
}
