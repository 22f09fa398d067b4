-- A login flood for wrk: every request posts a made-up name and a wrong
-- password with the login form's cookie and token (NONCE, CSRF from the
-- environment, fetched once by bench/login/run).  MANY=1 gives every
-- request another client address through X-Forwarded-For (the server
-- believes it only with --proxy 127.0.0.1): a flood from many addresses.
local nonce = os.getenv("NONCE")
local csrf = os.getenv("CSRF")
local many = os.getenv("MANY") == "1"
local n = 0

local threads = {}
refused = 0 -- a global: each thread's own, read by done() with get

function setup(thread)
	table.insert(threads, thread)
end

function response(status, headers, body)
	if status == 429 then
		refused = refused + 1
	end
end

-- What the flood got: the 429s of every thread, for run to read.
function done(summary, latency, requests)
	local total = 0
	for _, t in ipairs(threads) do
		total = total + t:get("refused")
	end
	io.write(string.format("refused %d of %d\n", total, summary.requests))
end

function request()
	n = n + 1
	local headers = {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = "styr_login=" .. nonce,
	}
	if many then
		headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
			math.random(0, 255), math.random(1, 254))
	end
	local body = "csrf=" .. csrf .. "&namn=ingen" .. n .. "&losenord=fel-losen-" .. n
	return wrk.format("POST", "/login", headers, body)
end
