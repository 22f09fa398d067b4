-- Hostile clients (issue 16 item 2): what several `styr serve` processes
-- on one database must share about logins, so that nothing a process
-- keeps to itself can be got round by a proxy sending the next request
-- to another process.
--
-- login_throttle counts password checks in fixed windows, one row a key:
-- address '' and name '' is every address together (the window is a
-- second: the budget of argon2 checks per second); an address with name
-- '' is that client address's failed attempts in its window; an address
-- and a name are the failures for that name from that address (the
-- lock-out: five in a minute).  An attempt is counted before its
-- password is checked and given back when it succeeds, so that a flood
-- of concurrent attempts cannot all pass the check at once.  Nothing
-- shows these rows on a page, so (on PostgreSQL) they do not bump the
-- page cache's data version.
--
-- web_secret holds the keys the servers share: 'login', the HMAC key of
-- the login form's CSRF token, made by the first server that needs it.
CREATE TABLE login_throttle (
	address TEXT NOT NULL,
	name TEXT NOT NULL,
	since INTEGER NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (address, name)
);
CREATE INDEX login_throttle_since ON login_throttle(since);
CREATE INDEX login_throttle_name ON login_throttle(name);
CREATE TABLE web_secret (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
-- The lock-out was kept per user, so anyone could lock anyone out; it is
-- login_throttle's (address, name) counter now.
ALTER TABLE app_user DROP COLUMN failed;
ALTER TABLE app_user DROP COLUMN locked_until;
