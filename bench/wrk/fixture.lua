-- Shared by the wrk scripts that act as the fixture's people (booking.lua, slots.lua, search.lua): reads the fixture written by
-- `loadtest --fixture-out FILE` (lines "driver <Authorization>" and "charger <id>"), hands out drivers round robin
-- and chargers at random, counts the answers by status, and has done() print one line "wrk-statuses {json}", which
-- bench/efficiency.py reads. A script loads it with dofile and takes its setup, init, response and done.
local M = {}
local drivers, chargers, threads = {}, {}, {}
local next_driver

function M.setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function M.init(args)
  for line in io.lines(args[1]) do
    local kind, value = line:match("^(%S+) (.+)$")
    if kind == "driver" then table.insert(drivers, value) elseif kind == "charger" then table.insert(chargers, value) end
  end
  math.randomseed((tonumber(args[2]) or os.time()) * 1000 + tid)
  next_driver = tid
  -- slots start tomorrow (UTC midnight): never in the past, whatever the run's length
  M.day0 = (math.floor(os.time() / 86400) + 1) * 86400
end

function M.driver()
  local driver = drivers[(next_driver % #drivers) + 1]
  next_driver = next_driver + 7
  return driver
end

function M.charger()
  return chargers[math.random(#chargers)]
end

function M.response(status, headers, body)
  -- a global per status, so done() can read it from each thread
  local name = "n" .. status
  _G[name] = (_G[name] or 0) + 1
end

function M.done(summary, latency, requests)
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

return M
