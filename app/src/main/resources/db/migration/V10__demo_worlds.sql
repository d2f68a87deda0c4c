-- Which workspaces already got their generated demo world: it is generated on first start only.
CREATE TABLE demo_worlds (
    workspace_id BIGINT       PRIMARY KEY REFERENCES workspaces (id),
    preset       VARCHAR(32)  NOT NULL,
    accounts     INTEGER      NOT NULL,
    days         INTEGER      NOT NULL,
    seed         BIGINT       NOT NULL,
    events       BIGINT       NOT NULL,
    generated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
