-- History (issue 14 item 3): the versions of one thing are the audit
-- entries whose entity names it ("value ID0069 LKR 2024"), read through
-- this index as a range of entity texts rather than a walk of the whole
-- log.  id second, so that a thing's entries come in the order written.
CREATE INDEX audit_entity ON audit(entity, id);
