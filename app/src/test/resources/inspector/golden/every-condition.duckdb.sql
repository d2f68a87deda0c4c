-- Every condition as of 2026-11-23T06:00:00Z, company group index 2
-- values: {"as_of":"2026-11-23T06:00:00","rule_window_start":"2026-11-09T06:00:00","rule_window_end":"2026-11-23T06:00:00","event_name_0":"feature_used","event_name_1":"$pageview","property_value_0":"pro","min_event_count":5,"min_distinct_events":2,"min_active_days":3,"max_days_since_last_event":7,"min_active_users":2,"min_account_events":20}
SELECT
    "events"."$group_2" AS "entity_id",
    max("group_2"."p_6e616d65") AS "name",
    max("group_2"."p_646f6d61696e") AS "domain",
    max("group_2"."p_7365676d656e74") AS "segment",
    max("group_2"."p_706c616e") AS "plan",
    max("group_2"."p_617272") AS "arr",
    max("group_2"."p_6d7272") AS "mrr",
    count(*) AS "event_count",
    count(DISTINCT "event") AS "distinct_events",
    count(DISTINCT date_diff('day', "timestamp", ?)) AS "active_days",
    count(DISTINCT "distinct_id") AS "active_users",
    max("timestamp") AS "last_seen",
    date_diff('day', max("timestamp"), ?) AS "days_since_last_event"
FROM "events"
LEFT JOIN (SELECT "group_key", json_extract_string("properties", '$."arr"') AS "p_617272", json_extract_string("properties", '$."domain"') AS "p_646f6d61696e", json_extract_string("properties", '$."mrr"') AS "p_6d7272", json_extract_string("properties", '$."name"') AS "p_6e616d65", json_extract_string("properties", '$."plan"') AS "p_706c616e", json_extract_string("properties", '$."segment"') AS "p_7365676d656e74" FROM "groups" WHERE "group_type_index" = 2) AS "group_2" ON "group_2"."group_key" = "events"."$group_2"
WHERE "timestamp" >= ? AND "timestamp" < ? AND coalesce("events"."$group_2", '') != '' AND "event" IN (?, ?) AND json_extract_string("events"."properties", '$."plan"') = ?
GROUP BY "events"."$group_2"
HAVING count(*) >= ? AND count(DISTINCT "event") >= ? AND count(DISTINCT date_diff('day', "timestamp", ?)) >= ? AND date_diff('day', max("timestamp"), ?) <= ? AND count(DISTINCT "distinct_id") >= ? AND count(*) >= ?
ORDER BY count(*) DESC, "events"."$group_2" ASC
LIMIT 10000
