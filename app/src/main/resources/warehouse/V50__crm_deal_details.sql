-- What the CRM mirror knows of a deal beyond crm_deals (kept apart so crm_deals' columns, which
-- the demo world appends positionally, stay as they are): the CRM's own stage name, the company
-- domain, and where the row came from (attio, csv).
CREATE TABLE IF NOT EXISTS crm_deal_details (
    deal_id   VARCHAR PRIMARY KEY,
    crm_stage VARCHAR,
    domain    VARCHAR,
    origin    VARCHAR NOT NULL
);
