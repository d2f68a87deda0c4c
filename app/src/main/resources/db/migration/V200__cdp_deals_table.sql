-- Issue 14: which path the workspace's deals took into PostHog. 'warehouse_table' = the CSV
-- upload (warehouse_tables/file/) made table beton_deals; 'group_properties' = the server refused
-- it (warehouse-api flag off) or it failed, and deals are only the attio_*_deal_* group properties.
ALTER TABLE cdp_settings ADD COLUMN deals_path VARCHAR(40);
ALTER TABLE cdp_settings ADD COLUMN deals_table_id VARCHAR(200);
-- SHA-256 of the CSV last uploaded (or last refused): an unchanged deal set is not sent again
ALTER TABLE cdp_settings ADD COLUMN deals_hash VARCHAR(64);
ALTER TABLE cdp_settings ADD COLUMN deals_note VARCHAR(2000);
ALTER TABLE cdp_settings ADD COLUMN deals_at TIMESTAMP WITH TIME ZONE;
