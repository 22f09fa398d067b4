-- Reports a region can publish (issue 17): the PostgreSQL dialect of
-- migrations/0012_publish.sql (the comments there say why).
ALTER TABLE value ADD COLUMN comment TEXT NOT NULL DEFAULT '';
ALTER TABLE report_state ADD COLUMN diarienummer TEXT NOT NULL DEFAULT '';
ALTER TABLE report_state ADD COLUMN decided TEXT NOT NULL DEFAULT '';
-- When the data last changed, in seconds since 1970: a statement trigger
-- on each table a report is made from, as styr_data_changed (0004) is on
-- every table; that one cannot serve, since it counts sessions and the
-- audit log too.  The time is the transaction's start (now()), the same
-- for all its statements.  No data-version trigger on the new table: its
-- row only ever changes beside a table that has one.
CREATE TABLE styr_last_change (at BIGINT NOT NULL);
INSERT INTO styr_last_change VALUES (floor(extract(epoch FROM now()))::bigint);
CREATE FUNCTION styr_last_changed() RETURNS trigger LANGUAGE plpgsql
	SET search_path FROM CURRENT AS $$
DECLARE
	t bigint := floor(extract(epoch FROM now()))::bigint;
BEGIN
	UPDATE styr_last_change SET at = t WHERE at <> t;
	RETURN NULL;
END
$$;
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['account', 'account_balance', 'account_map', 'action',
		'analysis', 'bridge', 'budget_profile', 'event_file', 'event_run',
		'followup_done', 'followup_rule', 'goal', 'goal_indicator', 'goal_owner',
		'index_weight', 'indicator', 'internal_control', 'ledger', 'ledger_label',
		'ledger_row', 'open_indicator', 'open_unit', 'open_withdrawn', 'org_alias',
		'org_unit', 'report_state', 'rule', 'target', 'uppdrag', 'uppdrag_escalation',
		'uppdrag_report', 'value', 'value_gender']
	LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
			'ON %I FOR EACH STATEMENT EXECUTE FUNCTION styr_last_changed()',
			t || '_last_change', t);
	END LOOP;
END
$$;
