-- The load benchmark's clients for wrk (bench/load/run).  MODE=read asks
-- for unit dashboards and indicator pages of random units (most of them
-- not in the page cache) with a session cookie (COOKIE); MODE=write posts
-- values through the API with a token (TOKEN), each to a key no other
-- request writes (unit, indicator and a month of 2025, from the thread's
-- number, its own counter and OFFSET, which run moves on for every
-- write run), so that every 201 must be one stored
-- value afterwards.  UNITS and INDICATORS give the database's size,
-- THREADS wrk's -t; MODE=static asks for the URL given to wrk (nginx).  done() prints one line for run to read:
--   result REQ/S P50_MS P99_MS ERRORS REQUESTS CREATED
local mode = os.getenv("MODE") or "read"
local units = tonumber(os.getenv("UNITS") or "1000")
local indicators = tonumber(os.getenv("INDICATORS") or "100")
local nthreads = tonumber(os.getenv("THREADS") or "2")
local cookie = os.getenv("COOKIE") or ""
local token = os.getenv("TOKEN") or ""
local offset = tonumber(os.getenv("OFFSET") or "0")

local threads = {}
local ntid = 0
created = 0 -- per thread, read by done() with get
tid = 0
local n = 0

function setup(thread)
	thread:set("tid", ntid)
	ntid = ntid + 1
	table.insert(threads, thread)
end

function init(args)
	math.randomseed(os.time() * 97 + tid)
end

function response(status, headers, body)
	if status == 201 then
		created = created + 1
	end
end

local function read_request()
	local u = string.format("U%04d", math.random(1, units))
	local path
	if math.random() < 0.5 then
		path = "/enhet/" .. u
	else
		path = string.format("/enhet/%s/indikator/ID%04d", u, math.random(1, indicators))
	end
	return wrk.format("GET", path, {["Cookie"] = "styr_session=" .. cookie})
end

local function write_request()
	local k = offset + n * nthreads + tid
	n = n + 1
	local u = k % units + 1
	local i = math.floor(k / units) % indicators + 1
	local m = math.floor(k / (units * indicators)) % 12 + 1
	local body = string.format('{"indicator":"ID%04d","period":"2025-%02d","value":%d.%d}', i, m,
		40 + k % 60, k % 10)
	return wrk.format("POST", string.format("/api/v1/units/U%04d/values", u), {
		["Authorization"] = "Bearer " .. token,
		["Content-Type"] = "application/json",
	}, body)
end

local function static_request()
	return wrk.format("GET", wrk.path)
end

if mode == "write" then
	request = write_request
elseif mode == "static" then
	request = static_request
else
	request = read_request
end

function done(summary, latency, requests)
	local c = 0
	for _, t in ipairs(threads) do
		c = c + t:get("created")
	end
	local e = summary.errors
	io.write(string.format("result %.0f %.2f %.2f %d %d %d\n",
		summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
		latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout,
		summary.requests, c))
end
