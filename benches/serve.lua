-- wrk script for benches/serve.sh: sends requests that were signed (SigV4)
-- beforehand, one after another on each connection, and prints the summary
-- as one JSON line. Each wrk thread reads its own file of requests, raw
-- HTTP/1.1 each ending in a NUL byte, and starts again at its first when
-- it has sent them all.
--
--   wrk -t N -c C -d 10s -s serve.lua URL -- FILE_PREFIX
--   (thread i reads FILE_PREFIX.i, i from 1)
--   BENCH_DELAY_MS=6 wrk …   (paced: see below)

local counter = 1

-- BENCH_DELAY_MS: each connection waits this long after an answer before
-- its next request, which paces the load instead of saturating the server.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause then
    function delay()
        return pause
    end
end

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
end

local requests = {}
local n = 0
local i = 0

function init(args)
    local f = assert(io.open(args[1] .. "." .. id, "rb"))
    local data = f:read("*a")
    f:close()
    for req in string.gmatch(data, "([^%z]+)%z") do
        n = n + 1
        requests[n] = req
    end
    assert(n > 0, "no requests in " .. args[1] .. "." .. id)
end

function request()
    i = i % n + 1
    return requests[i]
end

function done(summary, latency, _)
    local e = summary.errors
    io.write(string.format(
        '{"requests":%d,"duration_us":%d,"status_errors":%d,"connect_errors":%d,"read_errors":%d,' ..
        '"write_errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
        summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
        latency:percentile(50), latency:percentile(99), latency.max))
end
