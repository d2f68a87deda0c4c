-- The hidden truth of a generated demo world, kept apart from what a real product would know,
-- so that backtests can be scored against it. Empty outside demo workspaces.
CREATE TABLE IF NOT EXISTS demo_truth (
    account_key  VARCHAR   PRIMARY KEY,
    intent       DOUBLE    NOT NULL, -- hidden buying intent in [0, 1]
    start_plan   VARCHAR   NOT NULL,
    converted    BOOLEAN   NOT NULL, -- became a paying customer inside the window
    converted_at TIMESTAMP,
    target_plan  VARCHAR   NOT NULL,
    loud         BOOLEAN   NOT NULL, -- whether product signals preceded the conversion
    churned      BOOLEAN   NOT NULL,
    churned_at   TIMESTAMP
);
