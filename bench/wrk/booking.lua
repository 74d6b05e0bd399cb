-- wrk script: POST /api/bookings as many drivers, each request a random 30-minute slot on a random charger in the
-- next 28 days, from the fixture written by `loadtest --fixture-out FILE` (lines "driver <Authorization>" and
-- "charger <id>"). Usage: wrk -s bench/wrk/booking.lua URL -- FIXTURE_FILE [SEED]
-- done() prints one line "wrk-statuses {json}" with the answers counted by status, which bench/efficiency.py reads.

local drivers, chargers = {}, {}
local threads = {}
local next_driver, day0

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  for line in io.lines(args[1]) do
    local kind, value = line:match("^(%S+) (.+)$")
    if kind == "driver" then table.insert(drivers, value) elseif kind == "charger" then table.insert(chargers, value) end
  end
  math.randomseed((tonumber(args[2]) or os.time()) * 1000 + tid)
  next_driver = tid
  -- slots start tomorrow (UTC midnight): never in the past, whatever the run's length
  day0 = (math.floor(os.time() / 86400) + 1) * 86400
end

function request()
  local driver = drivers[(next_driver % #drivers) + 1]
  next_driver = next_driver + 7
  local start = day0 + math.random(0, 27) * 86400 + math.random(0, 47) * 1800
  local body = string.format('{"chargerId":%s,"start":"%s","end":"%s"}', chargers[math.random(#chargers)],
    os.date("!%Y-%m-%dT%H:%M:%SZ", start), os.date("!%Y-%m-%dT%H:%M:%SZ", start + 1800))
  return wrk.format("POST", "/api/bookings", {["Authorization"] = driver, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  -- a global per status, so done() can read it from each thread
  local name = "n" .. status
  _G[name] = (_G[name] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status = 100, 599 do
      local n = t:get("n" .. status)
      if n then total[status] = (total[status] or 0) + n end
    end
  end
  local parts = {}
  for status, n in pairs(total) do table.insert(parts, string.format('"%d":%d', status, n)) end
  io.write("wrk-statuses {" .. table.concat(parts, ",") .. "}\n")
end
