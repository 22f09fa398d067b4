-- Hostile clients: the PostgreSQL dialect of
-- migrations/0013_login_throttle.sql (the comments there say what the
-- tables hold).  Deliberately without the page cache's data-version
-- trigger: a login attempt changes nothing a page shows, and a login
-- flood must not empty every process's page cache.
CREATE TABLE login_throttle (
	address TEXT COLLATE "C" NOT NULL,
	name TEXT COLLATE "C" NOT NULL,
	since BIGINT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (address, name)
);
CREATE INDEX login_throttle_since ON login_throttle(since);
CREATE INDEX login_throttle_name ON login_throttle(name);
CREATE TABLE web_secret (
	name TEXT COLLATE "C" PRIMARY KEY,
	value TEXT NOT NULL
);
-- The lock-out moves from app_user to login_throttle (see the SQLite text).
ALTER TABLE app_user DROP COLUMN failed;
ALTER TABLE app_user DROP COLUMN locked_until;
