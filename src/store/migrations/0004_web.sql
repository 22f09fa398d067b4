-- The web front-end's data: users and their grants on org units, login
-- sessions, API tokens for scripts, the hash-chained audit log and the
-- state of each unit's report for a period (draft, submitted, approved,
-- returned).  An approved report is what locks the unit's period: the lock
-- is the workflow state, not a second table that could disagree with it.
-- Secrets are never stored: passwords as argon2id encodings, session and
-- API tokens as their sha256.
CREATE TABLE app_user (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	password TEXT NOT NULL,
	failed INTEGER NOT NULL DEFAULT 0,
	locked_until INTEGER NOT NULL DEFAULT 0
);
-- unit_id NULL: the whole organisation.
CREATE TABLE app_grant (
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	unit_id INTEGER REFERENCES org_unit(id),
	role INTEGER NOT NULL
);
CREATE UNIQUE INDEX app_grant_key ON app_grant(user_id, IFNULL(unit_id, 0));
CREATE TABLE app_session (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	csrf TEXT NOT NULL,
	expires INTEGER NOT NULL
);
CREATE TABLE api_token (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	created TEXT NOT NULL
);
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	time TEXT NOT NULL,
	user TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	before TEXT NOT NULL,
	after TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
-- Append-only: the chain of hashes shows tampering by someone who drops
-- these triggers; the triggers stop honest mistakes.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE report_state (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	first_month INTEGER NOT NULL,
	last_month INTEGER NOT NULL,
	state INTEGER NOT NULL,
	comment TEXT NOT NULL DEFAULT '',
	by_user TEXT NOT NULL DEFAULT '',
	time TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_id, year, first_month, last_month)
);
