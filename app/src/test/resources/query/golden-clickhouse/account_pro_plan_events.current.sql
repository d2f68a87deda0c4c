-- account_pro_plan_events for ClickHouse 24.8.4.13, PostHog-style schema, as of 2026-11-23T06:00:00Z
-- values: {"last_30_days_start":"2026-10-24 06:00:00","last_30_days_end":"2026-11-23 06:00:00","plan":"pro"}
SELECT
    `events`.`$group_0` AS `account`,
    count() AS `events`
FROM (SELECT `ev`.`event` AS `event`, `ev`.`distinct_id` AS `distinct_id`, `ev`.`timestamp` AS `timestamp`, `ev`.`properties` AS `properties`, `ev`.`person_id` AS `person_id`, if(JSONHas(`ev`.`properties`, 'company_domain'), if(JSONType(`ev`.`properties`, 'company_domain') = 'String', JSONExtractString(`ev`.`properties`, 'company_domain'), nullIf(JSONExtractRaw(`ev`.`properties`, 'company_domain'), 'null')), NULL) AS `$group_0` FROM `events` AS `ev`) AS `events`
WHERE `timestamp` >= toDateTime({last_30_days_start:String}, 'UTC') AND `timestamp` < toDateTime({last_30_days_end:String}, 'UTC') AND coalesce(`events`.`$group_0`, '') != '' AND if(JSONHas(`events`.`properties`, 'plan'), if(JSONType(`events`.`properties`, 'plan') = 'String', JSONExtractString(`events`.`properties`, 'plan'), nullIf(JSONExtractRaw(`events`.`properties`, 'plan'), 'null')), NULL) = {plan:String}
GROUP BY `events`.`$group_0`
ORDER BY `account` ASC
