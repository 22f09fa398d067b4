-- History (issue 14 item 3): the versions of one thing are the audit
-- entries whose entity names it ("value ID0069 LKR 2024"), read through
-- this index as a range of entity texts rather than a walk of the whole
-- log.  The range compares bytes (COLLATE "C", as SQLite does), so that
-- "value ID0069 LKR 2024" and the texts beginning with it and a space are
-- one range whatever the database's collation.  No table is added, so no
-- data-version trigger.
CREATE INDEX audit_entity ON audit((entity COLLATE "C"), id);
