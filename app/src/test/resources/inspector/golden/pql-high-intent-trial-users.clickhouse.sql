-- PQL - High Intent Trial Users as of 2026-11-23T06:00:00Z, company group index 2
-- values: {"as_of":"2026-11-23 06:00:00","rule_window_start":"2026-11-16 06:00:00","rule_window_end":"2026-11-23 06:00:00","event_name_0":"signed_up","event_name_1":"completed_onboarding","event_name_2":"created_project","min_event_count":10,"min_active_days":3,"max_days_since_last_event":3}
SELECT
    `distinct_id` AS `entity_id`,
    max(if(JSONHas(`events`.`person__properties`, 'email'), if(JSONType(`events`.`person__properties`, 'email') = 'String', JSONExtractString(`events`.`person__properties`, 'email'), nullIf(JSONExtractRaw(`events`.`person__properties`, 'email'), 'null')), NULL)) AS `email`,
    max(if(JSONHas(`events`.`person__properties`, 'name'), if(JSONType(`events`.`person__properties`, 'name') = 'String', JSONExtractString(`events`.`person__properties`, 'name'), nullIf(JSONExtractRaw(`events`.`person__properties`, 'name'), 'null')), NULL)) AS `name`,
    count() AS `event_count`,
    ifNull(uniqExact(`event`), 0) AS `distinct_events`,
    ifNull(uniqExact(dateDiff('day', toTimeZone(`timestamp`, 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC'))), 0) AS `active_days`,
    max(`timestamp`) AS `last_seen`,
    dateDiff('day', toTimeZone(max(`timestamp`), 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC')) AS `days_since_last_event`
FROM (SELECT * FROM (SELECT `ev`.`event` AS `event`, `ev`.`distinct_id` AS `distinct_id`, `ev`.`timestamp` AS `timestamp`, `ev`.`properties` AS `properties`, `ev`.`person_id` AS `person_id`, if(JSONHas(`ev`.`properties`, 'company_domain'), if(JSONType(`ev`.`properties`, 'company_domain') = 'String', JSONExtractString(`ev`.`properties`, 'company_domain'), nullIf(JSONExtractRaw(`ev`.`properties`, 'company_domain'), 'null')), NULL) AS `$group_0` FROM `events` AS `ev`) AS `e` ANY LEFT JOIN (SELECT `id` AS `person__id`, `properties` AS `person__properties` FROM `persons`) AS `p` ON `e`.`person_id` = `p`.`person__id`) AS `events`
WHERE `timestamp` >= toDateTime({rule_window_start:String}, 'UTC') AND `timestamp` < toDateTime({rule_window_end:String}, 'UTC') AND `event` IN ({event_name_0:String}, {event_name_1:String}, {event_name_2:String})
GROUP BY `distinct_id`
HAVING count() >= {min_event_count:Int64} AND ifNull(uniqExact(dateDiff('day', toTimeZone(`timestamp`, 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC'))), 0) >= {min_active_days:Int64} AND dateDiff('day', toTimeZone(max(`timestamp`), 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC')) <= {max_days_since_last_event:Int64}
ORDER BY count() DESC, `distinct_id` ASC
LIMIT 10000
