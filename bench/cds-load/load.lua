-- wrk script of the CDS Hooks load scenario (bench/cds-load.sh): POSTs a patient-view hook request with a fresh,
-- pre-signed token per request (the service accepts each token once). Environment:
--   TOKENS  file with one token per line (at least as many as requests will be sent)
--   BODY    file with the hook request
--   DELAY_MS  pause of each connection between its requests (0: as fast as possible); with C connections the
--             offered rate is about C * 1000 / (DELAY_MS + latency) requests per second
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  tokens = {}
  local i = 0
  -- each thread takes every k-th line, so no two threads send the same token
  local k = tonumber(os.getenv("WRK_THREADS") or "1")
  for line in io.lines(os.getenv("TOKENS")) do
    if i % k == (id - 1) then
      table.insert(tokens, line)
    end
    i = i + 1
  end
  local f = assert(io.open(os.getenv("BODY"), "rb"))
  body = f:read("*a")
  f:close()
  next_token = 1
  pause = tonumber(os.getenv("DELAY_MS") or "0")
  used_up = 0
end

function request()
  local token = tokens[next_token]
  if token == nil then
    used_up = used_up + 1
    token = "used-up"
  end
  next_token = next_token + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

function delay()
  return pause
end

function done(summary, latency, requests)
  io.write(string.format("wrk-summary requests=%d errors-status=%d errors-timeout=%d p50-ms=%.2f p99-ms=%.2f "
      .. "max-ms=%.2f duration-s=%.1f rate=%.1f\n",
      summary.requests, summary.errors.status, summary.errors.timeout,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
end
