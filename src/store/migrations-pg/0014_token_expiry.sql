-- API tokens expire (issue 14 item 5): expires is an ISO 8601 UTC time
-- like created.  Tokens made before this migration get 90 days from now,
-- the default of styr user token.  No new table: the data-version trigger
-- of 0004 covers api_token already.
ALTER TABLE api_token ADD COLUMN expires TEXT;
UPDATE api_token SET expires = to_char((now() AT TIME ZONE 'UTC') + interval '90 days',
	'YYYY-MM-DD"T"HH24:MI:SS"Z"');
