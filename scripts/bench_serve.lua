-- wrk script for scripts/bench-serve: requests cycling over a list of paths (one per line in
-- the file given as the first argument), optionally paced (second argument: milliseconds each
-- connection waits before each request) and with an Accept-Encoding (third argument); prints
-- one RESULT line with the throughput, the latency percentiles and every kind of failure.
local paths, counter, pause = {}, 0, 0

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  pause = tonumber(args[2] or "0")
  if args[3] and args[3] ~= "" then wrk.headers["Accept-Encoding"] = args[3] end
end

function delay()
  return pause
end

function request()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.0f p50_us=%d p99_us=%d max_us=%d failed=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
