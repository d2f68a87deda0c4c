-- Issue 12: routing episodes and the install id in beton_key. Runs on H2 (PostgreSQL mode) and PostgreSQL.

-- One row: this Beton installation's random id, created by the first Beton that needs it (not
-- here: H2 and PostgreSQL have no common random function). Two installs writing to one Attio
-- workspace put it in their deals' beton_key, so their keys never collide.
CREATE TABLE beton_installation (
    singleton  INTEGER                  PRIMARY KEY,
    install_id VARCHAR(32)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT beton_installation_one_row CHECK (singleton = 1)
);

-- An account's routing episodes: episode 1 is its first deal; a new episode (a new deal, a new
-- beton_key) starts when the account is hot again after the previous deal closed (won/lost) and
-- the cooldown passed, or after a Done/Disqualified mark's cooldown ended. Existing rows are
-- episode 1 and keep the key they were created with (beton:w<workspace>:<account>:1).
ALTER TABLE routing_deals ADD COLUMN episode INTEGER DEFAULT 1 NOT NULL;
-- When Beton first saw the deal in a won/lost stage (the episode ended); NULL while open.
ALTER TABLE routing_deals ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE routing_deals ADD COLUMN closed_stage VARCHAR(200);

CREATE INDEX routing_deals_episode ON routing_deals (workspace_id, account_key, episode);

-- The deal's stage and owner as Beton last read them from Attio (planning, the CRM mirror's read,
-- webhooks, the account page): the hot queue and the Routing page show them without calling Attio.
ALTER TABLE routing_deals ADD COLUMN attio_stage VARCHAR(200);
ALTER TABLE routing_deals ADD COLUMN attio_owner VARCHAR(320);
ALTER TABLE routing_deals ADD COLUMN attio_seen_at TIMESTAMP WITH TIME ZONE;
