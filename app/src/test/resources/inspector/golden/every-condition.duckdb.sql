-- Every condition as of 2026-11-23T06:00:00Z, company group index 2
-- values: {"as_of":"2026-11-23T06:00:00","rule_window_start":"2026-11-09T06:00:00","rule_window_end":"2026-11-23T06:00:00","event_name_0":"feature_used","event_name_1":"$pageview","property_value_0":"pro","min_event_count":5,"min_distinct_events":2,"min_active_days":3,"max_days_since_last_event":7,"min_active_users":2,"min_account_events":20}
SELECT
    "events"."$group_2" AS "entity_id",
    max(json_extract_string("group_2"."properties", '$."name"')) AS "name",
    max(json_extract_string("group_2"."properties", '$."domain"')) AS "domain",
    max(json_extract_string("group_2"."properties", '$."segment"')) AS "segment",
    max(json_extract_string("group_2"."properties", '$."plan"')) AS "plan",
    max(json_extract_string("group_2"."properties", '$."arr"')) AS "arr",
    max(json_extract_string("group_2"."properties", '$."mrr"')) AS "mrr",
    count(*) AS "event_count",
    count(DISTINCT "event") AS "distinct_events",
    count(DISTINCT date_diff('day', "timestamp", ?)) AS "active_days",
    count(DISTINCT "distinct_id") AS "active_users",
    max("timestamp") AS "last_seen",
    date_diff('day', max("timestamp"), ?) AS "days_since_last_event"
FROM "events"
LEFT JOIN "groups" AS "group_2" ON "group_2"."group_type_index" = 2 AND "group_2"."group_key" = "events"."$group_2"
WHERE "timestamp" >= ? AND "timestamp" < ? AND coalesce("events"."$group_2", '') != '' AND "event" IN (?, ?) AND json_extract_string("events"."properties", '$."plan"') = ?
GROUP BY "events"."$group_2"
HAVING count(*) >= ? AND count(DISTINCT "event") >= ? AND count(DISTINCT date_diff('day', "timestamp", ?)) >= ? AND date_diff('day', max("timestamp"), ?) <= ? AND count(DISTINCT "distinct_id") >= ? AND count(*) >= ?
ORDER BY count(*) DESC, "events"."$group_2" ASC
LIMIT 10000
