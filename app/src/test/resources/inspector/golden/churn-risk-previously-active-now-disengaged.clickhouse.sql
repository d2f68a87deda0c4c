-- Churn Risk - Previously Active, Now Disengaged as of 2026-11-23T06:00:00Z, company group index 2
-- values: {"as_of":"2026-11-23 06:00:00","rule_window_start":"2026-08-25 06:00:00","rule_window_end":"2026-11-23 06:00:00","group_identify":"$groupidentify","max_days_since_last_event":30,"min_account_events":100}
SELECT
    `events`.`$group_2` AS `entity_id`,
    max(nullIf(toString(`events`.`group_2__name`), '')) AS `name`,
    max(nullIf(toString(`events`.`group_2__domain`), '')) AS `domain`,
    max(nullIf(toString(`events`.`group_2__segment`), '')) AS `segment`,
    max(if(JSONHas(`events`.`group_2__properties`, 'plan'), if(JSONType(`events`.`group_2__properties`, 'plan') = 'String', JSONExtractString(`events`.`group_2__properties`, 'plan'), nullIf(JSONExtractRaw(`events`.`group_2__properties`, 'plan'), 'null')), NULL)) AS `plan`,
    max(nullIf(toString(`events`.`group_2__arr`), '')) AS `arr`,
    max(if(JSONHas(`events`.`group_2__properties`, 'mrr'), if(JSONType(`events`.`group_2__properties`, 'mrr') = 'String', JSONExtractString(`events`.`group_2__properties`, 'mrr'), nullIf(JSONExtractRaw(`events`.`group_2__properties`, 'mrr'), 'null')), NULL)) AS `mrr`,
    count() AS `event_count`,
    ifNull(uniqExact(`event`), 0) AS `distinct_events`,
    ifNull(uniqExact(dateDiff('day', toTimeZone(`timestamp`, 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC'))), 0) AS `active_days`,
    ifNull(uniqExact(`distinct_id`), 0) AS `active_users`,
    max(`timestamp`) AS `last_seen`,
    dateDiff('day', toTimeZone(max(`timestamp`), 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC')) AS `days_since_last_event`
FROM (SELECT * FROM (SELECT `ev`.`event` AS `event`, `ev`.`distinct_id` AS `distinct_id`, `ev`.`timestamp` AS `timestamp`, `ev`.`properties` AS `properties`, `ev`.`person_id` AS `person_id`, if(JSONHas(`ev`.`properties`, 'company_domain'), if(JSONType(`ev`.`properties`, 'company_domain') = 'String', JSONExtractString(`ev`.`properties`, 'company_domain'), nullIf(JSONExtractRaw(`ev`.`properties`, 'company_domain'), 'null')), NULL) AS `$group_2` FROM `events` AS `ev`) AS `e` ANY LEFT JOIN (SELECT `domain` AS `group_2__key`, `properties` AS `group_2__properties`, `account_id` AS `group_2__account_id`, `name` AS `group_2__name`, `domain` AS `group_2__domain`, `arr` AS `group_2__arr`, `segment` AS `group_2__segment`, `owner_email` AS `group_2__owner_email` FROM `accounts`) AS `a` ON `e`.`$group_2` = `a`.`group_2__key`) AS `events`
WHERE `timestamp` >= toDateTime({rule_window_start:String}, 'UTC') AND `timestamp` < toDateTime({rule_window_end:String}, 'UTC') AND coalesce(`events`.`$group_2`, '') != '' AND `event` != {group_identify:String}
GROUP BY `events`.`$group_2`
HAVING dateDiff('day', toTimeZone(max(`timestamp`), 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC')) <= {max_days_since_last_event:Int64} AND count() >= {min_account_events:Int64}
ORDER BY count() DESC, `events`.`$group_2` ASC
LIMIT 10000
