-- wrk script: GET /api/chargers near a random point of the load-test fixture's city (Bengaluru, about 4.4 km either
-- way of 12.97, 77.59), within 2 km, nearest 50: a read of MySQL through the geo index. No login needed.
-- Usage: wrk -s bench/wrk/search.lua URL -- FIXTURE_FILE [SEED]; statuses as in booking.lua.
local fixture = dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "fixture.lua")

setup, init, response, done = fixture.setup, fixture.init, fixture.response, fixture.done

function request()
  local lat = 12.97 + (math.random() * 2 - 1) * 0.04
  local lng = 77.59 + (math.random() * 2 - 1) * 0.04
  return wrk.format("GET", string.format("/api/chargers?lat=%.5f&lng=%.5f&radiusKm=2&limit=50", lat, lng))
end
