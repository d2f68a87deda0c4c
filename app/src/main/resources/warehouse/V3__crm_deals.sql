-- The CRM side of a workspace's world (a mirror of CRM deals; the demo world writes its own).
-- account_key is the key of the company group the deal belongs to.
CREATE TABLE IF NOT EXISTS crm_deals (
    deal_id     VARCHAR   PRIMARY KEY,
    account_key VARCHAR   NOT NULL,
    name        VARCHAR   NOT NULL,
    lead_source VARCHAR   NOT NULL, -- pql, inbound, outbound, partner
    stage       VARCHAR   NOT NULL, -- open, won, lost
    amount      DECIMAL(12, 2) NOT NULL, -- annual value in USD
    created_at  TIMESTAMP NOT NULL,
    closed_at   TIMESTAMP           -- null while open
);
