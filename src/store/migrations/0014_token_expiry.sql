-- API tokens expire (issue 14 item 5): expires is an ISO 8601 UTC time
-- like created.  Tokens made before this migration get 90 days from now,
-- the default of styr user token.
ALTER TABLE api_token ADD COLUMN expires TEXT;
UPDATE api_token SET expires = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+90 days');
