-- Issue 14 (CRM → analytics): the CRM properties the Attio sync wrote into this store, with their
-- history. Every sync of a company is a $groupidentify event (and of a person an $identify) with
-- $lib = 'beton-cdp' carrying the record's whole CRM state, so the events themselves are the
-- history and these views only give each version its validity interval [valid_from, valid_to).
-- A question asked "as of" an instant reads the version valid then, never a later one, so
-- backtests stay honest. valid_from is when Beton learned the value (the sync), never earlier.
CREATE OR REPLACE VIEW crm_company_history AS
SELECT company_key, record_id, name, open_deal_value, won_deal_value, deal_stage, deleted, crm_properties,
       valid_from,
       lead(valid_from) OVER (PARTITION BY company_key ORDER BY valid_from, uuid) AS valid_to
FROM (
    SELECT uuid,
           json_extract_string(properties, '$."$group_key"') AS company_key,
           json_extract_string(properties, '$."$group_set".attio_record_id') AS record_id,
           json_extract_string(properties, '$."$group_set".attio_name') AS name,
           coalesce(TRY_CAST(json_extract_string(properties, '$."$group_set".attio_open_deal_value') AS DOUBLE), 0)
               AS open_deal_value,
           coalesce(TRY_CAST(json_extract_string(properties, '$."$group_set".attio_won_deal_value') AS DOUBLE), 0)
               AS won_deal_value,
           json_extract_string(properties, '$."$group_set".attio_deal_stage') AS deal_stage,
           coalesce(json_extract_string(properties, '$."$group_set".attio_deleted') = 'true', false) AS deleted,
           json_extract(properties, '$."$group_set"') AS crm_properties,
           timestamp AS valid_from
    FROM events
    WHERE event = '$groupidentify' AND json_extract_string(properties, '$."$lib"') = 'beton-cdp'
);

CREATE OR REPLACE VIEW crm_person_history AS
SELECT distinct_id, record_id, company_key, deleted, crm_properties, valid_from,
       lead(valid_from) OVER (PARTITION BY distinct_id ORDER BY valid_from, uuid) AS valid_to
FROM (
    SELECT uuid, distinct_id,
           json_extract_string(properties, '$."$set".attio_record_id') AS record_id,
           json_extract_string(properties, '$."$set".attio_company') AS company_key,
           coalesce(json_extract_string(properties, '$."$set".attio_deleted') = 'true', false) AS deleted,
           json_extract(properties, '$."$set"') AS crm_properties,
           timestamp AS valid_from
    FROM events
    WHERE event = '$identify' AND json_extract_string(properties, '$."$lib"') = 'beton-cdp'
);
