-- Issue 17 §4: the demo's simulated firmographics, kept apart from anything read from a CRM so
-- they can never be mistaken for real data (every place that shows them says "simulated").
-- Deterministic: the same account key always gets the same values (see SimulatedFirmographics).
CREATE TABLE simulated_enrichment (
    workspace_id   BIGINT       NOT NULL REFERENCES workspaces (id),
    account_key    VARCHAR(500) NOT NULL,
    industry       VARCHAR(100) NOT NULL,
    employee_range VARCHAR(40)  NOT NULL,
    arr_usd        BIGINT       NOT NULL,
    location       VARCHAR(200) NOT NULL,
    owner          VARCHAR(200) NOT NULL,
    enriched_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, account_key)
);
