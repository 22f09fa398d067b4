-- The data's last change moves only when rows change (issue 17 item 2): a
-- re-import that changes nothing must not date the reports anew.  0012's
-- statement triggers fired for every INSERT, UPDATE or DELETE statement,
-- whether it touched a row or not (an upsert that finds its row unchanged
-- touches none); these look at the statement's transition table first.
CREATE FUNCTION styr_last_changed_rows() RETURNS trigger LANGUAGE plpgsql
	SET search_path FROM CURRENT AS $$
DECLARE
	t bigint := floor(extract(epoch FROM now()))::bigint;
BEGIN
	IF EXISTS (SELECT 1 FROM changed) THEN
		UPDATE styr_last_change SET at = t WHERE at <> t;
	END IF;
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
		EXECUTE format('DROP TRIGGER %I ON %I', t || '_last_change', t);
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS '
			'changed FOR EACH STATEMENT EXECUTE FUNCTION styr_last_changed_rows()',
			t || '_last_change_i', t);
		EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS '
			'changed FOR EACH STATEMENT EXECUTE FUNCTION styr_last_changed_rows()',
			t || '_last_change_u', t);
		EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS '
			'changed FOR EACH STATEMENT EXECUTE FUNCTION styr_last_changed_rows()',
			t || '_last_change_d', t);
		EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT '
			'EXECUTE FUNCTION styr_last_changed()', t || '_last_change_t', t);
	END LOOP;
END
$$;
