-- An event whose uuid is already stored is not stored again: ingestion inserts with
-- INSERT OR IGNORE against this index, so retries and re-imports collapse exactly.
CREATE UNIQUE INDEX IF NOT EXISTS events_uuid ON events (uuid);
