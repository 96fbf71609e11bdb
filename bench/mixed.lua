-- wrk script for bench/load.sh: mixed traffic, 6 of 10 requests forecasts, 2 reads, 1 ingest, 1 points read.
-- Every non-2xx answer is counted, and printed at the end as "errors: N".
local n = 0
errors = 0
local ingest = "timestamp,value\n"
for i = 0, 23 do
  ingest = ingest .. string.format("2024-01-17T%02d:00:00Z,%.4f\n", i, math.sin(i / 4))
end

request = function()
  n = n + 1
  local k = n % 10
  if k < 6 then
    return wrk.format("POST", "/api/v1/forecasts", {["Content-Type"] = "application/json"},
      '{"seriesId": 1, "horizon": 24}')
  elseif k < 8 then
    return wrk.format("GET", "/api/v1/series/1")
  elseif k == 8 then
    return wrk.format("POST", "/api/v1/series/1/points", {["Content-Type"] = "text/csv"}, ingest)
  end
  return wrk.format("GET", "/api/v1/series/1/points?from=2024-01-10T00:00:00Z")
end

response = function(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("errors")
  end
  io.write(string.format("errors: %d\n", total))
end

setup = function(thread)
  table.insert(threads, thread)
end
threads = {}
