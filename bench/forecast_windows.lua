-- wrk script: POST forecasts of values sent with the request (model MODEL_ID, h = 24, no intervals), rotating among
-- bodies built at start so that no two consecutive requests repeat a window: BATCH unset or 0, 1,000 single requests
-- to /api/v1/forecasts; BATCH=n, 100 batches of n windows each (n x 100 different windows) to /api/v1/forecasts/batch.
-- Windows are pieces of the noisy sine of bench/serving.sh: random phase, noise of 0.3.
local model = os.getenv("MODEL_ID") or "1"
local batch = tonumber(os.getenv("BATCH") or "0")
local bodies = {}
local counter = 0
local thread_seed = 0

function setup(thread)
  thread_seed = thread_seed + 1
  thread:set("seed", thread_seed)
end

local function window()
  local phase = math.random(0, 10000)
  local values = {}
  for t = 1, 24 do
    values[t] = string.format("%.4f", math.sin(2 * math.pi * (phase + t) / 25) + 0.3 * (math.random() - 0.5))
  end
  return '{"modelId": ' .. model .. ', "horizon": 24, "levels": [], "values": [' .. table.concat(values, ",") .. ']}'
end

function init(args)
  math.randomseed(7 + 1000 * (seed or 0))
  if batch == 0 then
    for i = 1, 1000 do bodies[i] = window() end
  else
    for i = 1, 100 do
      local items = {}
      for j = 1, batch do items[j] = window() end
      bodies[i] = '{"items": [' .. table.concat(items, ",") .. ']}'
    end
  end
end

function request()
  counter = counter % #bodies + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[counter])
end
