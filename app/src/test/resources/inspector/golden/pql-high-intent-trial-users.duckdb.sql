-- PQL - High Intent Trial Users as of 2026-11-23T06:00:00Z, company group index 2
-- values: {"as_of":"2026-11-23T06:00:00","rule_window_start":"2026-11-16T06:00:00","rule_window_end":"2026-11-23T06:00:00","event_name_0":"signed_up","event_name_1":"completed_onboarding","event_name_2":"created_project","min_event_count":10,"min_active_days":3,"max_days_since_last_event":3}
SELECT
    "distinct_id" AS "entity_id",
    max("person"."p_656d61696c") AS "email",
    max("person"."p_6e616d65") AS "name",
    count(*) AS "event_count",
    count(DISTINCT "event") AS "distinct_events",
    count(DISTINCT date_diff('day', "timestamp", ?)) AS "active_days",
    max("timestamp") AS "last_seen",
    date_diff('day', max("timestamp"), ?) AS "days_since_last_event"
FROM "events"
LEFT JOIN (SELECT "id", json_extract_string("properties", '$."email"') AS "p_656d61696c", json_extract_string("properties", '$."name"') AS "p_6e616d65" FROM "persons") AS "person" ON "person"."id" = "events"."person_id"
WHERE "timestamp" >= ? AND "timestamp" < ? AND "event" IN (?, ?, ?)
GROUP BY "distinct_id"
HAVING count(*) >= ? AND count(DISTINCT date_diff('day', "timestamp", ?)) >= ? AND date_diff('day', max("timestamp"), ?) <= ?
ORDER BY count(*) DESC, "distinct_id" ASC
LIMIT 10000
