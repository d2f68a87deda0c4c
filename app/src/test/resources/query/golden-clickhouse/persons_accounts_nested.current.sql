-- persons_accounts_nested for ClickHouse 24.8.4.13, PostHog-style schema, as of 2026-11-23T06:00:00Z
-- values: {"last_30_days_start":"2026-10-24 06:00:00","last_30_days_end":"2026-11-23 06:00:00"}
SELECT
    `events`.`$group_0` AS `account`,
    max(nullIf(toString(`events`.`group_0__name`), '')) AS `account_name`,
    max(toFloat64OrNull(toString(if(JSONHas(`events`.`group_0__properties`, 'employees'), if(JSONType(`events`.`group_0__properties`, 'employees') = 'String', JSONExtractString(`events`.`group_0__properties`, 'employees'), nullIf(JSONExtractRaw(`events`.`group_0__properties`, 'employees'), 'null')), NULL)))) AS `employees`,
    max(if(JSONHas(`events`.`person__properties`, 'email'), if(JSONType(`events`.`person__properties`, 'email') = 'String', JSONExtractString(`events`.`person__properties`, 'email'), nullIf(JSONExtractRaw(`events`.`person__properties`, 'email'), 'null')), NULL)) AS `email`,
    max(if(JSONHas(`events`.`properties`, '$set', 'plan'), if(JSONType(`events`.`properties`, '$set', 'plan') = 'String', JSONExtractString(`events`.`properties`, '$set', 'plan'), nullIf(JSONExtractRaw(`events`.`properties`, '$set', 'plan'), 'null')), NULL)) AS `set_plan`,
    count() AS `events`
FROM (SELECT * FROM (SELECT * FROM (SELECT `ev`.`event` AS `event`, `ev`.`distinct_id` AS `distinct_id`, `ev`.`timestamp` AS `timestamp`, `ev`.`properties` AS `properties`, `ev`.`person_id` AS `person_id`, if(JSONHas(`ev`.`properties`, 'company_domain'), if(JSONType(`ev`.`properties`, 'company_domain') = 'String', JSONExtractString(`ev`.`properties`, 'company_domain'), nullIf(JSONExtractRaw(`ev`.`properties`, 'company_domain'), 'null')), NULL) AS `$group_0` FROM `events` AS `ev`) AS `e` ANY LEFT JOIN (SELECT `id` AS `person__id`, `properties` AS `person__properties` FROM `persons`) AS `p` ON `e`.`person_id` = `p`.`person__id`) AS `e` ANY LEFT JOIN (SELECT `domain` AS `group_0__key`, `properties` AS `group_0__properties`, `account_id` AS `group_0__account_id`, `name` AS `group_0__name`, `domain` AS `group_0__domain`, `arr` AS `group_0__arr`, `segment` AS `group_0__segment`, `owner_email` AS `group_0__owner_email` FROM `accounts`) AS `a` ON `e`.`$group_0` = `a`.`group_0__key`) AS `events`
WHERE `timestamp` >= toDateTime({last_30_days_start:String}, 'UTC') AND `timestamp` < toDateTime({last_30_days_end:String}, 'UTC') AND JSONHas(`events`.`properties`, '$set', 'plan')
GROUP BY `events`.`$group_0`
ORDER BY `account` ASC
