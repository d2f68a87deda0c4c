-- account_health_inputs for ClickHouse 18.16.1, PostHog-style schema, as of 2026-11-23T06:00:00Z
-- values: {"last_14_days_start":"2026-11-09 06:00:00","last_14_days_end":"2026-11-23 06:00:00","previous_14_days_start":"2026-10-26 06:00:00","previous_14_days_end":"2026-11-09 06:00:00","as_of":"2026-11-23 06:00:00","not_usage_0":"beton_signal_fired","not_usage_1":"$identify","not_usage_2":"$groupidentify","not_usage_3":"$set","last_30_days_start":"2026-10-24 06:00:00","last_30_days_end":"2026-11-23 06:00:00"}
SELECT
    `events`.`$group_0` AS `account`,
    countIf(`timestamp` >= toDateTime({last_14_days_start:String}, 'UTC') AND `timestamp` < toDateTime({last_14_days_end:String}, 'UTC')) AS `events_last_14_days`,
    countIf(`timestamp` >= toDateTime({previous_14_days_start:String}, 'UTC') AND `timestamp` < toDateTime({previous_14_days_end:String}, 'UTC')) AS `events_previous_14_days`,
    ifNull(uniqExact(`distinct_id`), 0) AS `active_users`,
    dateDiff('day', toTimeZone(max(`timestamp`), 'UTC'), toTimeZone(toDateTime({as_of:String}, 'UTC'), 'UTC')) AS `days_since_last_event`,
    ifNull(uniqExact(`event`), 0) AS `features_used`
FROM (SELECT `ev`.`event` AS `event`, `ev`.`distinct_id` AS `distinct_id`, `ev`.`timestamp` AS `timestamp`, `ev`.`properties` AS `properties`, `ev`.`person_id` AS `person_id`, if(visitParamHas(`ev`.`properties`, 'company_domain'), if(substring(visitParamExtractRaw(`ev`.`properties`, 'company_domain'), 1, 1) = '"', visitParamExtractString(`ev`.`properties`, 'company_domain'), nullIf(visitParamExtractRaw(`ev`.`properties`, 'company_domain'), 'null')), NULL) AS `$group_0` FROM `events` AS `ev`) AS `events`
WHERE `event` NOT IN ({not_usage_0:String}, {not_usage_1:String}, {not_usage_2:String}, {not_usage_3:String}) AND `timestamp` >= toDateTime({last_30_days_start:String}, 'UTC') AND `timestamp` < toDateTime({last_30_days_end:String}, 'UTC') AND coalesce(`events`.`$group_0`, '') != ''
GROUP BY `events`.`$group_0`
ORDER BY `account` ASC
LIMIT 50000
