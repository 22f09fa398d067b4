-- Reports a region can publish (issue 17).
--
-- A comment per value (item 8): what the person who entered a figure wants
-- its reader to know ("nytt journalsystem från mars"), shown beside the
-- value on the web and as a note under the reports' indicator tables.  Not
-- part of the figure: value.changed (Kolada's from_date) does not move when
-- only the comment does, and the triggers of 0009 leave it out.
ALTER TABLE value ADD COLUMN comment TEXT NOT NULL DEFAULT '';
-- The decision an approval records (item 5): the ärende's diarienummer and
-- the date it was decided, printed on the approved report's cover.  Empty
-- when the approval gave none.
ALTER TABLE report_state ADD COLUMN diarienummer TEXT NOT NULL DEFAULT '';
ALTER TABLE report_state ADD COLUMN decided TEXT NOT NULL DEFAULT '';
-- When the data last changed (item 2), in seconds since 1970 (UTC), as
-- SOURCE_DATE_EPOCH counts: one row, set by a trigger on every table a
-- report is made from, whichever program writes it (styr's imports, the
-- web, the event engine, or an administrator's sqlite3), so that a report
-- made without SOURCE_DATE_EPOCH carries this time as its creation date
-- and two renders of the same database are the same bytes.
-- The tables of people and their sessions, the audit log and the approved
-- reports are left out: logging in changes no figure, and an approval
-- changes report_state, which counts.  A later migration that adds a
-- table a report reads gives it the same three triggers (on PostgreSQL,
-- one statement trigger), and one that adds a column to value adds it to
-- value_last_change_u.  Row triggers here, since SQLite has none for a
-- statement: one more UPDATE of this one row for each row written (unixepoch(), not strftime(), which costs more than
-- the UPDATE).  value's update trigger leaves out the column changed, or
-- 0009's insert trigger, which sets it, would fire it for every insert.
CREATE TABLE styr_last_change (at INTEGER NOT NULL);
INSERT INTO styr_last_change VALUES (unixepoch());
CREATE TRIGGER account_last_change_i AFTER INSERT ON account
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER account_last_change_u AFTER UPDATE ON account
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER account_last_change_d AFTER DELETE ON account
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER account_balance_last_change_i AFTER INSERT ON account_balance
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER account_balance_last_change_u AFTER UPDATE ON account_balance
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER account_balance_last_change_d AFTER DELETE ON account_balance
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER account_map_last_change_i AFTER INSERT ON account_map
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER account_map_last_change_u AFTER UPDATE ON account_map
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER account_map_last_change_d AFTER DELETE ON account_map
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER action_last_change_i AFTER INSERT ON action
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER action_last_change_u AFTER UPDATE ON action
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER action_last_change_d AFTER DELETE ON action
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER analysis_last_change_i AFTER INSERT ON analysis
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER analysis_last_change_u AFTER UPDATE ON analysis
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER analysis_last_change_d AFTER DELETE ON analysis
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER bridge_last_change_i AFTER INSERT ON bridge
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER bridge_last_change_u AFTER UPDATE ON bridge
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER bridge_last_change_d AFTER DELETE ON bridge
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER budget_profile_last_change_i AFTER INSERT ON budget_profile
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER budget_profile_last_change_u AFTER UPDATE ON budget_profile
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER budget_profile_last_change_d AFTER DELETE ON budget_profile
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER event_file_last_change_i AFTER INSERT ON event_file
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER event_file_last_change_u AFTER UPDATE ON event_file
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER event_file_last_change_d AFTER DELETE ON event_file
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER event_run_last_change_i AFTER INSERT ON event_run
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER event_run_last_change_u AFTER UPDATE ON event_run
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER event_run_last_change_d AFTER DELETE ON event_run
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER followup_done_last_change_i AFTER INSERT ON followup_done
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER followup_done_last_change_u AFTER UPDATE ON followup_done
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER followup_done_last_change_d AFTER DELETE ON followup_done
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER followup_rule_last_change_i AFTER INSERT ON followup_rule
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER followup_rule_last_change_u AFTER UPDATE ON followup_rule
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER followup_rule_last_change_d AFTER DELETE ON followup_rule
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_last_change_i AFTER INSERT ON goal
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_last_change_u AFTER UPDATE ON goal
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_last_change_d AFTER DELETE ON goal
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_indicator_last_change_i AFTER INSERT ON goal_indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_indicator_last_change_u AFTER UPDATE ON goal_indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_indicator_last_change_d AFTER DELETE ON goal_indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_owner_last_change_i AFTER INSERT ON goal_owner
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_owner_last_change_u AFTER UPDATE ON goal_owner
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER goal_owner_last_change_d AFTER DELETE ON goal_owner
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER index_weight_last_change_i AFTER INSERT ON index_weight
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER index_weight_last_change_u AFTER UPDATE ON index_weight
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER index_weight_last_change_d AFTER DELETE ON index_weight
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER indicator_last_change_i AFTER INSERT ON indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER indicator_last_change_u AFTER UPDATE ON indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER indicator_last_change_d AFTER DELETE ON indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER internal_control_last_change_i AFTER INSERT ON internal_control
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER internal_control_last_change_u AFTER UPDATE ON internal_control
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER internal_control_last_change_d AFTER DELETE ON internal_control
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_last_change_i AFTER INSERT ON ledger
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_last_change_u AFTER UPDATE ON ledger
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_last_change_d AFTER DELETE ON ledger
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_label_last_change_i AFTER INSERT ON ledger_label
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_label_last_change_u AFTER UPDATE ON ledger_label
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_label_last_change_d AFTER DELETE ON ledger_label
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_row_last_change_i AFTER INSERT ON ledger_row
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_row_last_change_u AFTER UPDATE ON ledger_row
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_row_last_change_d AFTER DELETE ON ledger_row
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_indicator_last_change_i AFTER INSERT ON open_indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_indicator_last_change_u AFTER UPDATE ON open_indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_indicator_last_change_d AFTER DELETE ON open_indicator
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_unit_last_change_i AFTER INSERT ON open_unit
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_unit_last_change_u AFTER UPDATE ON open_unit
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_unit_last_change_d AFTER DELETE ON open_unit
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_withdrawn_last_change_i AFTER INSERT ON open_withdrawn
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_withdrawn_last_change_u AFTER UPDATE ON open_withdrawn
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER open_withdrawn_last_change_d AFTER DELETE ON open_withdrawn
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER org_alias_last_change_i AFTER INSERT ON org_alias
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER org_alias_last_change_u AFTER UPDATE ON org_alias
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER org_alias_last_change_d AFTER DELETE ON org_alias
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER org_unit_last_change_i AFTER INSERT ON org_unit
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER org_unit_last_change_u AFTER UPDATE ON org_unit
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER org_unit_last_change_d AFTER DELETE ON org_unit
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER report_state_last_change_i AFTER INSERT ON report_state
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER report_state_last_change_u AFTER UPDATE ON report_state
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER report_state_last_change_d AFTER DELETE ON report_state
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER rule_last_change_i AFTER INSERT ON rule
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER rule_last_change_u AFTER UPDATE ON rule
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER rule_last_change_d AFTER DELETE ON rule
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER target_last_change_i AFTER INSERT ON target
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER target_last_change_u AFTER UPDATE ON target
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER target_last_change_d AFTER DELETE ON target
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_last_change_i AFTER INSERT ON uppdrag
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_last_change_u AFTER UPDATE ON uppdrag
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_last_change_d AFTER DELETE ON uppdrag
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_escalation_last_change_i AFTER INSERT ON uppdrag_escalation
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_escalation_last_change_u AFTER UPDATE ON uppdrag_escalation
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_escalation_last_change_d AFTER DELETE ON uppdrag_escalation
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_report_last_change_i AFTER INSERT ON uppdrag_report
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_report_last_change_u AFTER UPDATE ON uppdrag_report
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER uppdrag_report_last_change_d AFTER DELETE ON uppdrag_report
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER value_last_change_i AFTER INSERT ON value
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER value_last_change_u AFTER UPDATE OF indicator_id, unit_id, year, first_month,
	last_month, kind, value, decimals, percent, numerator, denominator, missing_reason, source,
	comment ON value BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER value_last_change_d AFTER DELETE ON value
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER value_gender_last_change_i AFTER INSERT ON value_gender
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER value_gender_last_change_u AFTER UPDATE ON value_gender
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER value_gender_last_change_d AFTER DELETE ON value_gender
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
