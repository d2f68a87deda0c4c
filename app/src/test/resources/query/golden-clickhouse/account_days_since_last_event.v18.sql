-- account_days_since_last_event for ClickHouse 18.16.1, PostHog-style schema, as of 2026-11-23T06:00:00Z
-- values: {"as_of":"2026-11-23 06:00:00","last_60_days_start":"2026-09-24 06:00:00","last_60_days_end":"2026-11-23 06:00:00"}
SELECT
    `events`.`$group_0` AS `account`,
    dateDiff('day', toTimeZone(max(`timestamp`), 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC')) AS `days_since_last`
FROM (SELECT `ev`.`event` AS `event`, `ev`.`distinct_id` AS `distinct_id`, `ev`.`timestamp` AS `timestamp`, `ev`.`properties` AS `properties`, `ev`.`person_id` AS `person_id`, if(visitParamHas(`ev`.`properties`, 'company_domain'), if(substring(visitParamExtractRaw(`ev`.`properties`, 'company_domain'), 1, 1) = '"', visitParamExtractString(`ev`.`properties`, 'company_domain'), nullIf(visitParamExtractRaw(`ev`.`properties`, 'company_domain'), 'null')), NULL) AS `$group_0` FROM `events` AS `ev`) AS `events`
WHERE `timestamp` >= toDateTime({last_60_days_start:String}, 'UTC') AND `timestamp` < toDateTime({last_60_days_end:String}, 'UTC') AND coalesce(`events`.`$group_0`, '') != ''
GROUP BY `events`.`$group_0`
ORDER BY `account` ASC
