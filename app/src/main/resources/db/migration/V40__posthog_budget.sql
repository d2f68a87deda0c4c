-- Bucket4j's state of Beton's PostHog request budgets, shared by every Beton instance on this
-- database: one row per PostHog project (host/project id) and throttle class, e.g.
-- "https://us.posthog.com/123#query". Bucket4j's PostgreSQL proxy manager owns the rows and
-- serializes instances with SELECT ... FOR UPDATE. On the embedded H2 the buckets live in
-- memory and this table stays empty.
CREATE TABLE posthog_budget_bucket (
    id    VARCHAR(600) PRIMARY KEY,
    -- Bucket4j's serialized bucket state; NULL between the row's creation and its first write
    state BYTEA
);
