-- PQA - Active Accounts with Multiple Users as of 2026-11-23T06:00:00Z, company group index 2
-- values: {"as_of":"2026-11-23T06:00:00Z","rule_window_start":"2026-10-24T06:00:00Z","rule_window_end":"2026-11-23T06:00:00Z","group_identify":"$groupidentify","max_days_since_last_event":7,"min_active_users":3,"min_account_events":50}
SELECT
    $group_2 AS entity_id,
    max(group_2.properties.name) AS name,
    max(group_2.properties.domain) AS domain,
    max(group_2.properties.segment) AS segment,
    max(group_2.properties.plan) AS plan,
    max(group_2.properties.arr) AS arr,
    max(group_2.properties.mrr) AS mrr,
    count() AS event_count,
    uniq(event) AS distinct_events,
    uniq(dateDiff('day', toTimeZone(timestamp, 'UTC'), toTimeZone(toDateTime({as_of}), 'UTC'))) AS active_days,
    uniq(distinct_id) AS active_users,
    max(timestamp) AS last_seen,
    dateDiff('day', toTimeZone(max(timestamp), 'UTC'), toTimeZone(toDateTime({as_of}), 'UTC')) AS days_since_last_event
FROM events
WHERE timestamp >= toDateTime({rule_window_start}) AND timestamp < toDateTime({rule_window_end}) AND coalesce($group_2, '') != '' AND event != {group_identify}
GROUP BY $group_2
HAVING dateDiff('day', toTimeZone(max(timestamp), 'UTC'), toTimeZone(toDateTime({as_of}), 'UTC')) <= {max_days_since_last_event} AND uniq(distinct_id) >= {min_active_users} AND count() >= {min_account_events}
ORDER BY count() DESC, $group_2 ASC
LIMIT 10000
