-- Issue 14: a record found unchanged by a sync is no longer written back only to say it was seen
-- (that UPDATE was 65 % of a sync with nothing to send). Each record gets a number, dense per
-- workspace, when it is first saved; a run keeps the numbers of the records it read in a bitset,
-- and after a complete read the records whose number it did not see are the ones gone from Attio.
-- Records saved before this migration get their number the next time a sync saves them (until
-- then they are written every run, as before).
ALTER TABLE cdp_records ADD COLUMN ordinal BIGINT;
ALTER TABLE cdp_settings ADD COLUMN next_ordinal BIGINT NOT NULL DEFAULT 0;
