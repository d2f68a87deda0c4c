-- user_key_events for ClickHouse 24.8.4.13, PostHog-style schema, as of 2026-11-23T06:00:00Z
-- values: {"key_event_0":"created_project","key_event_1":"invited_teammate","last_14_days_start":"2026-11-09 06:00:00","last_14_days_end":"2026-11-23 06:00:00"}
SELECT
    `distinct_id` AS `user_id`,
    countIf(`event` IN ({key_event_0:String}, {key_event_1:String})) AS `key_events`,
    count() AS `events`
FROM (SELECT `ev`.`event` AS `event`, `ev`.`distinct_id` AS `distinct_id`, `ev`.`timestamp` AS `timestamp`, `ev`.`properties` AS `properties`, `ev`.`person_id` AS `person_id`, if(JSONHas(`ev`.`properties`, 'company_domain'), if(JSONType(`ev`.`properties`, 'company_domain') = 'String', JSONExtractString(`ev`.`properties`, 'company_domain'), nullIf(JSONExtractRaw(`ev`.`properties`, 'company_domain'), 'null')), NULL) AS `$group_0` FROM `events` AS `ev`) AS `events`
WHERE `timestamp` >= toDateTime({last_14_days_start:String}, 'UTC') AND `timestamp` < toDateTime({last_14_days_end:String}, 'UTC')
GROUP BY `distinct_id`
HAVING count() >= 3
ORDER BY `user_id` ASC
