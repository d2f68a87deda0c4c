-- The sync reads a page's snapshots with record_id IN (500 ids). H2 looks an IN list up through an
-- index only on the index's first column, so with the primary key alone it tested the list against
-- every record of the object, once per page: quadratic in the records (37 % of the benchmark
-- thread's samples at 60,000 records). PostgreSQL would use the primary key; this index is harmless there.
CREATE INDEX cdp_records_by_record ON cdp_records (record_id, workspace_id, object_type);
