-- Duplicates are now found by the writer (events.ingest.StoredDuplicates: same uuid and timestamp,
-- looked up in the commit's time range only). The unique ART index on uuid had to stay in memory
-- and grew with every stored event, so an import's memory grew with the store (issue 16 §4).
DROP INDEX IF EXISTS events_uuid;
