-- PQL - High Intent Trial Users as of 2026-11-23T06:00:00Z, company group index 2
-- values: {"as_of":"2026-11-23T06:00:00Z","rule_window_start":"2026-11-16T06:00:00Z","rule_window_end":"2026-11-23T06:00:00Z","event_name_0":"signed_up","event_name_1":"completed_onboarding","event_name_2":"created_project","min_event_count":10,"min_active_days":3,"max_days_since_last_event":3}
SELECT
    distinct_id AS entity_id,
    max(person.properties.email) AS email,
    max(person.properties.name) AS name,
    count() AS event_count,
    uniq(event) AS distinct_events,
    uniq(dateDiff('day', toTimeZone(timestamp, 'UTC'), toTimeZone(toDateTime({as_of}), 'UTC'))) AS active_days,
    max(timestamp) AS last_seen,
    dateDiff('day', toTimeZone(max(timestamp), 'UTC'), toTimeZone(toDateTime({as_of}), 'UTC')) AS days_since_last_event
FROM events
WHERE timestamp >= toDateTime({rule_window_start}) AND timestamp < toDateTime({rule_window_end}) AND event IN ({event_name_0}, {event_name_1}, {event_name_2})
GROUP BY distinct_id
HAVING count() >= {min_event_count} AND uniq(dateDiff('day', toTimeZone(timestamp, 'UTC'), toTimeZone(toDateTime({as_of}), 'UTC'))) >= {min_active_days} AND dateDiff('day', toTimeZone(max(timestamp), 'UTC'), toTimeZone(toDateTime({as_of}), 'UTC')) <= {max_days_since_last_event}
ORDER BY count() DESC, distinct_id ASC
LIMIT 10000
