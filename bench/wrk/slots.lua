-- wrk script: GET /api/chargers/{id}/slots for one day of a random charger in the next 21 days, as the fixture's
-- drivers (signed in, as before booking): a read that crosses to the charger's booking shard and back and writes
-- nothing. Usage: wrk -s bench/wrk/slots.lua URL -- FIXTURE_FILE [SEED]; fixture and statuses as in booking.lua.
local fixture = dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "fixture.lua")

setup, init, response, done = fixture.setup, fixture.init, fixture.response, fixture.done

function request()
  local driver = fixture.driver()
  local from = fixture.day0 + math.random(0, 20) * 86400
  local path = string.format("/api/chargers/%s/slots?from=%s&to=%s", fixture.charger(),
    os.date("!%Y-%m-%dT%H:%M:%SZ", from), os.date("!%Y-%m-%dT%H:%M:%SZ", from + 86400))
  return wrk.format("GET", path, {["Authorization"] = driver})
end
