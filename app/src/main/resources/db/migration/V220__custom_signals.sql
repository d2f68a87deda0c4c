-- Issue 17 "Beyond the seed": an account-level inspection rule promoted to a custom signal type
-- (key rule_<rule id>) with its own base score and cooldown. Off by default: a promotion joins
-- scoring, routing and backtests only once enabled. One promotion per rule; deleting the rule
-- deletes its promotion (signals it already fired stay in the history under its key).
CREATE TABLE custom_signals (
    rule_id       BIGINT                   NOT NULL PRIMARY KEY REFERENCES inspection_rules (id) ON DELETE CASCADE,
    workspace_id  BIGINT                   NOT NULL REFERENCES workspaces (id),
    signal_key    VARCHAR(64)              NOT NULL,
    base_score    INTEGER                  NOT NULL,
    enabled       BOOLEAN                  NOT NULL DEFAULT FALSE,
    cooldown_days INTEGER                  NOT NULL DEFAULT 7,
    promoted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    promoted_by   VARCHAR(320),
    CONSTRAINT custom_signals_key UNIQUE (workspace_id, signal_key)
);
