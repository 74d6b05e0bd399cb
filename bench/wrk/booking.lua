-- wrk script: POST /api/bookings as many drivers, each request a random 30-minute slot on a random charger in the
-- next 28 days, from the fixture written by `loadtest --fixture-out FILE` (lines "driver <Authorization>" and
-- "charger <id>"). Usage: wrk -s bench/wrk/booking.lua URL -- FIXTURE_FILE [SEED]
-- done() prints one line "wrk-statuses {json}" with the answers counted by status, which bench/efficiency.py reads.
local fixture = dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "fixture.lua")

setup, init, response, done = fixture.setup, fixture.init, fixture.response, fixture.done

function request()
  local driver = fixture.driver()
  local start = fixture.day0 + math.random(0, 27) * 86400 + math.random(0, 47) * 1800
  local body = string.format('{"chargerId":%s,"start":"%s","end":"%s"}', fixture.charger(),
    os.date("!%Y-%m-%dT%H:%M:%SZ", start), os.date("!%Y-%m-%dT%H:%M:%SZ", start + 1800))
  return wrk.format("POST", "/api/bookings", {["Authorization"] = driver, ["Content-Type"] = "application/json"}, body)
end
