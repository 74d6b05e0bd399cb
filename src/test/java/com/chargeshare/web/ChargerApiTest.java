package com.chargeshare.web;

import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Chargers API: listings, owner rights, search and slot grids, probed over HTTP")
class ChargerApiTest {

  static TestServer server;
  static Http http;
  static String host;
  static String otherHost;
  static String driver;
  /** Each test searches its own patch of the globe, far from the others' chargers. */
  static final AtomicInteger areas = new AtomicInteger();

  @BeforeAll
  static void start() {
    server = TestServer.start("chargerapi");
    http = new Http(server.url());
    host = http.signUp("HOST");
    otherHost = http.signUp("HOST");
    driver = http.signUp("DRIVER");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static double[] area() {
    int n = areas.incrementAndGet();
    return new double[]{-50 + n * 2.0, -150 + n * 5.0};
  }

  /** A point {@code km} kilometres north of (lat, lng). */
  private static double north(double lat, double km) {
    return lat + km / 111.195;
  }

  private static JsonObject fields(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    return r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields");
  }

  private static JsonObject charger(Http.Response r) {
    return r.json().getJsonObject("charger");
  }

  private static List<JsonObject> found(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("chargers").stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> names(Http.Response r) {
    return found(r).stream().map(c -> c.getString("name")).toList();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ---- create ----

  @Test
  @DisplayName("a host lists a charger: 201 with id, hostId, ONLINE status, defaults and availability")
  void create() {
    var r = http.post("/api/chargers", Http.chargerBody("Koramangala bay", 12.93, 77.62).put("accessInstructions", "Gate 2"), host);
    assertThat(r.status()).isEqualTo(201);
    JsonObject c = charger(r);
    assertThat(c.getLong("id")).isPositive();
    assertThat(c.getLong("hostId")).isPositive();
    assertThat(c.getString("status")).isEqualTo("ONLINE");
    assertThat(c.getString("currency")).isEqualTo("INR");
    assertThat(c.getInteger("slotMinutes")).isEqualTo(30);
    assertThat(c.getString("timeZone")).isEqualTo("Asia/Kolkata");
    assertThat(c.getValue("openingHours")).isNull();
    assertThat(c.getString("accessInstructions")).isEqualTo("Gate 2");
    assertThat(c.getBoolean("availableNow")).isTrue();
    assertThat(c.getString("connectorType")).isEqualTo("CCS2");
    assertThat(c.getDouble("powerKw")).isEqualTo(22.0);
    assertThat(c.getLong("pricePerHourMinor")).isEqualTo(15000);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM chargers WHERE id = ?", c.getLong("id"))).isEqualTo(1);
  }

  @Test
  @DisplayName("only hosts list chargers: a driver gets 403, an anonymous caller 401")
  void createNeedsHost() {
    assertThat(http.post("/api/chargers", Http.chargerBody("x", 1, 1), driver).status()).isEqualTo(403);
    var anon = http.post("/api/chargers", Http.chargerBody("x", 1, 1), null);
    assertThat(anon.status()).isEqualTo(401);
    assertThat(anon.errorCode()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  @DisplayName("every bad field is named in one VALIDATION_FAILED, and nothing is stored")
  void everyBadField() {
    long before = Sql.count(server.db(), "SELECT COUNT(*) FROM chargers");
    JsonObject body = new JsonObject()
      .put("description", "d".repeat(2001))
      .put("address", "a".repeat(301))
      .put("lat", 90.5)
      .put("lng", -180.5)
      .put("connectorType", "USB")
      .put("powerKw", 0)
      .put("pricePerHourMinor", -1)
      .put("currency", "rupees")
      .put("slotMinutes", 45)
      .put("timeZone", "Mars/Olympus_Mons")
      .put("openingHours", "weekdays")
      .put("accessInstructions", "i".repeat(2001));
    JsonObject f = fields(http.post("/api/chargers", body, host));
    assertThat(f.fieldNames()).contains("name", "description", "address", "lat", "lng", "connectorType", "powerKw",
      "pricePerHourMinor", "currency", "slotMinutes", "timeZone", "openingHours", "accessInstructions");
    assertThat(f.getString("name")).isEqualTo("is required");
    assertThat(f.getString("powerKw")).isEqualTo("must be > 0 and <= 400");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM chargers")).isEqualTo(before);
  }

  @Test
  @DisplayName("each required field is required: name, lat, lng, connectorType, powerKw, pricePerHourMinor")
  void required() {
    for (String field : List.of("name", "lat", "lng", "connectorType", "powerKw", "pricePerHourMinor")) {
      JsonObject body = Http.chargerBody("Req", 10, 10);
      body.remove(field);
      assertThat(fields(http.post("/api/chargers", body, host)).getString(field)).as(field).isEqualTo("is required");
    }
  }

  @Test
  @DisplayName("range edges: name 1..120 and not blank, powerKw up to 400, lat/lng at the poles and antimeridian, slots 15/30/60")
  void ranges() {
    record Case(String field, Object value, boolean ok) {
    }
    List<Case> cases = List.of(
      new Case("name", "n".repeat(120), true), new Case("name", "n".repeat(121), false), new Case("name", "", false),
      new Case("name", "   ", false), new Case("name", 42, false),
      new Case("powerKw", 400, true), new Case("powerKw", 400.01, false), new Case("powerKw", -3, false),
      new Case("powerKw", "fast", false), new Case("powerKw", 0.5, true),
      new Case("lat", 90, true), new Case("lat", -90, true), new Case("lat", "12.9", false),
      new Case("lng", 180, true), new Case("lng", -180, true), new Case("lng", 180.01, false),
      new Case("pricePerHourMinor", 0, true), new Case("pricePerHourMinor", 15.5, false),
      new Case("slotMinutes", 15, true), new Case("slotMinutes", 60, true), new Case("slotMinutes", 20, false),
      new Case("currency", "EUR", true), new Case("currency", "eur", false),
      new Case("timeZone", "Europe/Berlin", true), new Case("timeZone", "UTC+5", false),
      new Case("connectorType", "THREE_PIN", true), new Case("connectorType", "type2", false));
    for (Case c : cases) {
      var r = http.post("/api/chargers", Http.chargerBody("Range", 10, 10).put(c.field(), c.value()), host);
      if (c.ok()) {
        assertThat(r.status()).as(c.field() + "=" + c.value() + " " + r.body()).isEqualTo(201);
      } else {
        assertThat(fields(r).fieldNames()).as(c.field() + "=" + c.value()).contains(c.field());
      }
    }
  }

  @Test
  @DisplayName("opening hours: each bad window is named by its index and part; good hours come back as given")
  void openingHours() {
    JsonArray bad = new JsonArray()
      .add(new JsonObject().put("day", "FUN").put("open", "08:00").put("close", "10:00"))
      .add(new JsonObject().put("day", "MON").put("open", "25:00").put("close", "10:00"))
      .add(new JsonObject().put("day", "TUE").put("open", "10:00").put("close", "09:00"))
      .add(new JsonObject().put("day", "WED").put("open", "08:10").put("close", "10:00"))
      .add(new JsonObject().put("day", "THU").put("open", "08:00").put("close", "12:00"))
      .add(new JsonObject().put("day", "THU").put("open", "11:00").put("close", "13:00"))
      .add("not an object");
    JsonObject f = fields(http.post("/api/chargers", Http.chargerBody("Hours", 10, 10).put("openingHours", bad), host));
    assertThat(f.fieldNames()).contains("openingHours[0].day", "openingHours[1].open", "openingHours[2].close",
      "openingHours[3]", "openingHours[5]", "openingHours[6]");

    JsonArray good = new JsonArray()
      .add(new JsonObject().put("day", "MON").put("open", "08:00").put("close", "12:00"))
      .add(new JsonObject().put("day", "MON").put("open", "13:00").put("close", "24:00"))
      .add(new JsonObject().put("day", "SAT").put("open", "00:00").put("close", "24:00"));
    var r = http.post("/api/chargers", Http.chargerBody("Hours ok", 10, 10).put("openingHours", good), host);
    assertThat(r.status()).isEqualTo(201);
    assertThat(charger(r).getJsonArray("openingHours")).isEqualTo(good);
  }

  @Test
  @DisplayName("a body that is not a JSON object is 400")
  void notJson() {
    var r = http.send(http.request("POST", "/api/chargers", "{not json", host).build());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.send(http.request("POST", "/api/chargers", "[1,2]", host).build()).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("HTML in names and descriptions is stored and returned verbatim as JSON text")
  void htmlVerbatim() {
    String name = "<script>alert(\"x\")</script> & <b>Bay</b>";
    long id = http.createCharger(host, Http.chargerBody(name, 10, 10).put("description", "<img src=x onerror=alert(1)>"));
    JsonObject c = charger(http.get("/api/chargers/" + id, null));
    assertThat(c.getString("name")).isEqualTo(name);
    assertThat(c.getString("description")).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(http.get("/api/chargers/" + id, null).headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
  }

  // ---- read ----

  @Test
  @DisplayName("anyone reads a charger with availableNow and nextFreeAt; unknown ids are 404, malformed ids 400 (API.md v2)")
  void read() {
    long id = http.createCharger(host);
    var r = http.get("/api/chargers/" + id, null);
    assertThat(r.status()).isEqualTo(200);
    JsonObject c = charger(r);
    assertThat(c.getBoolean("availableNow")).isTrue();
    assertThat(c.getString("nextFreeAt")).isNotNull();
    var missing = http.get("/api/chargers/987654321", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
    for (String path : List.of("/api/chargers/abc", "/api/chargers/-1", "/api/chargers/0")) {
      var malformed = http.get(path, null);
      assertThat(malformed.status()).as(path).isEqualTo(400);
      assertThat(malformed.errorCode()).isEqualTo("VALIDATION_FAILED");
    }
  }

  @Test
  @DisplayName("access instructions: the owner and drivers holding a booking see them; nobody else does")
  void accessInstructions() {
    long id = http.createCharger(host, Http.chargerBody("Access", 10, 10).put("accessInstructions", "Code 2468"));
    assertThat(charger(http.get("/api/chargers/" + id, host)).getString("accessInstructions")).isEqualTo("Code 2468");
    assertThat(charger(http.get("/api/chargers/" + id, null)).containsKey("accessInstructions")).isFalse();
    assertThat(charger(http.get("/api/chargers/" + id, otherHost)).containsKey("accessInstructions")).isFalse();
    String someDriver = http.signUp("DRIVER");
    assertThat(charger(http.get("/api/chargers/" + id, someDriver)).containsKey("accessInstructions")).isFalse();
    for (JsonObject c : found(http.get("/api/chargers?lat=10&lng=10&radiusKm=1", host))) {
      assertThat(c.containsKey("accessInstructions")).as("search results never carry them").isFalse();
    }
    assertThat(http.post("/api/bookings", Http.booking(id, Http.hoursAhead(2), Http.hoursAhead(3)), someDriver).status())
      .isEqualTo(201);
    assertThat(charger(http.get("/api/chargers/" + id, someDriver)).getString("accessInstructions")).isEqualTo("Code 2468");
    assertThat(charger(http.get("/api/chargers/" + id, driver)).containsKey("accessInstructions")).isFalse();
  }

  // ---- update ----

  @Test
  @DisplayName("the owner patches some fields; the rest stay; going OFFLINE makes it unavailable now")
  void patch() {
    long id = http.createCharger(host, Http.chargerBody("Patch me", 10, 10).put("description", "keep me"));
    var r = http.patch("/api/chargers/" + id, new JsonObject().put("pricePerHourMinor", 9900).put("status", "OFFLINE"), host);
    assertThat(r.status()).isEqualTo(200);
    JsonObject c = charger(r);
    assertThat(c.getLong("pricePerHourMinor")).isEqualTo(9900);
    assertThat(c.getString("status")).isEqualTo("OFFLINE");
    assertThat(c.getBoolean("availableNow")).isFalse();
    assertThat(c.getString("name")).isEqualTo("Patch me");
    assertThat(c.getString("description")).isEqualTo("keep me");
    assertThat(http.post("/api/bookings", Http.booking(id, Http.hoursAhead(2), Http.hoursAhead(3)), driver).errorCode())
      .isEqualTo("CHARGER_OFFLINE");
    var back = http.patch("/api/chargers/" + id, new JsonObject().put("status", "ONLINE").put("description", null), host);
    assertThat(charger(back).getString("status")).isEqualTo("ONLINE");
    assertThat(charger(back).getString("description")).isNull();
  }

  @Test
  @DisplayName("patch validation names the bad fields, including an unknown status, and changes nothing")
  void patchValidation() {
    long id = http.createCharger(host);
    JsonObject f = fields(http.patch("/api/chargers/" + id, new JsonObject().put("powerKw", -1).put("status", "BROKEN")
      .put("name", ""), host));
    assertThat(f.fieldNames()).contains("powerKw", "status", "name");
    assertThat(charger(http.get("/api/chargers/" + id, host)).getDouble("powerKw")).isEqualTo(22.0);
  }

  @Test
  @DisplayName("another host cannot patch, delete or block a charger (403); drivers 403; anonymous 401; unknown 404")
  void ownersOnly() {
    long id = http.createCharger(host, Http.chargerBody("Mine", 10, 10));
    JsonObject change = new JsonObject().put("name", "Stolen");
    var patch = http.patch("/api/chargers/" + id, change, otherHost);
    assertThat(patch.status()).isEqualTo(403);
    assertThat(patch.errorCode()).isEqualTo("FORBIDDEN");
    assertThat(http.delete("/api/chargers/" + id, otherHost).status()).isEqualTo(403);
    JsonObject block = new JsonObject().put("start", Http.hoursAhead(2).toString()).put("end", Http.hoursAhead(3).toString());
    assertThat(http.post("/api/chargers/" + id + "/blocks", block, otherHost).status()).isEqualTo(403);
    assertThat(http.get("/api/chargers/" + id + "/blocks", otherHost).status()).isEqualTo(403);
    assertThat(http.patch("/api/chargers/" + id, change, driver).status()).isEqualTo(403);
    assertThat(http.delete("/api/chargers/" + id, driver).status()).isEqualTo(403);
    assertThat(http.patch("/api/chargers/" + id, change, null).status()).isEqualTo(401);
    assertThat(http.delete("/api/chargers/" + id, null).status()).isEqualTo(401);
    assertThat(http.patch("/api/chargers/987654321", change, host).status()).isEqualTo(404);
    assertThat(http.delete("/api/chargers/987654321", host).status()).isEqualTo(404);
    assertThat(charger(http.get("/api/chargers/" + id, null)).getString("name")).isEqualTo("Mine");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM charger_blocks WHERE charger_id = ?", id)).isZero();
  }

  // ---- delete ----

  @Test
  @DisplayName("delete is 409 CHARGER_HAS_BOOKINGS while a future booking exists, 204 once it is cancelled, then 404")
  void delete() {
    long id = http.createCharger(host);
    var booking = http.post("/api/bookings", Http.booking(id, Http.hoursAhead(5), Http.hoursAhead(6)), driver);
    assertThat(booking.status()).isEqualTo(201);
    var refused = http.delete("/api/chargers/" + id, host);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("CHARGER_HAS_BOOKINGS");
    assertThat(http.get("/api/chargers/" + id, null).status()).isEqualTo(200);
    long bookingId = booking.json().getJsonObject("booking").getLong("id");
    assertThat(http.post("/api/bookings/" + bookingId + "/cancel", null, driver).status()).isEqualTo(200);
    assertThat(http.delete("/api/chargers/" + id, host).status()).isEqualTo(204);
    assertThat(http.get("/api/chargers/" + id, null).status()).isEqualTo(404);
    assertThat(http.patch("/api/chargers/" + id, new JsonObject().put("name", "ghost"), host).status()).isEqualTo(404);
    assertThat(http.post("/api/bookings", Http.booking(id, Http.hoursAhead(8), Http.hoursAhead(9)), driver).status()).isEqualTo(404);
  }

  // ---- search ----

  @Test
  @DisplayName("radius search: nearest first with distanceKm, only within the radius, limit keeps the nearest")
  void radius() {
    double[] a = area();
    http.createCharger(host, Http.chargerBody("R 5km", north(a[0], 5), a[1]));
    http.createCharger(host, Http.chargerBody("R 0.5km", north(a[0], 0.5), a[1]));
    http.createCharger(host, Http.chargerBody("R 15km", north(a[0], 15), a[1]));
    JsonArray allDay = new JsonArray();
    for (String d : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      allDay.add(new JsonObject().put("day", d).put("open", "00:00").put("close", "24:00"));
    }
    http.createCharger(host, Http.chargerBody("R 2km", north(a[0], 2), a[1]).put("openingHours", allDay));
    var r = http.get("/api/chargers?lat=" + a[0] + "&lng=" + a[1], null);
    assertThat(names(r)).containsExactly("R 0.5km", "R 2km", "R 5km");
    List<JsonObject> hits = found(r);
    assertThat(hits.get(0).getDouble("distanceKm")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
    assertThat(hits.get(1).getDouble("distanceKm")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.02));
    assertThat(hits.get(2).getDouble("distanceKm")).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.02));
    assertThat(hits).allSatisfy(c -> assertThat(c.getBoolean("availableNow")).isTrue());
    assertThat(hits.get(1).getJsonArray("openingHours")).isEqualTo(allDay);
    assertThat(hits.get(0).getValue("openingHours")).isNull();
    String box = (a[1] - 0.1) + "," + (a[0] - 0.1) + "," + (a[1] + 0.1) + "," + (a[0] + 0.1);
    assertThat(found(http.get("/api/chargers?bbox=" + box, null))).filteredOn(c -> c.getString("name").equals("R 2km"))
      .singleElement().satisfies(c -> assertThat(c.getJsonArray("openingHours")).isEqualTo(allDay));
    assertThat(names(http.get("/api/chargers?lat=" + a[0] + "&lng=" + a[1] + "&radiusKm=20", null)))
      .containsExactly("R 0.5km", "R 2km", "R 5km", "R 15km");
    assertThat(names(http.get("/api/chargers?lat=" + a[0] + "&lng=" + a[1] + "&radiusKm=1", null))).containsExactly("R 0.5km");
    assertThat(names(http.get("/api/chargers?lat=" + a[0] + "&lng=" + a[1] + "&limit=2", null))).containsExactly("R 0.5km", "R 2km");
  }

  @Test
  @DisplayName("radius search works east-west too: the longitude window widens with latitude")
  void radiusEastWest() {
    double lat = 60.0;
    double lng = 100.0;
    // 8 km east at 60°N is about 0.1438° of longitude
    http.createCharger(host, Http.chargerBody("East 8km", lat, lng + 8 / (111.195 * Math.cos(Math.toRadians(lat)))));
    var hits = found(http.get("/api/chargers?lat=60&lng=100&radiusKm=10", null));
    assertThat(hits).extracting(c -> c.getString("name")).containsExactly("East 8km");
    assertThat(hits.get(0).getDouble("distanceKm")).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.05));
  }

  @Test
  @DisplayName("bbox search returns what lies inside the box and nothing outside, with availableNow")
  void bbox() {
    double[] a = area();
    http.createCharger(host, Http.chargerBody("Inside A", a[0] + 0.01, a[1] + 0.01));
    http.createCharger(host, Http.chargerBody("Inside B", a[0] + 0.05, a[1] + 0.08));
    http.createCharger(host, Http.chargerBody("Outside", a[0] + 0.2, a[1] + 0.01));
    String box = (a[1]) + "," + (a[0]) + "," + (a[1] + 0.1) + "," + (a[0] + 0.1);
    var hits = found(http.get("/api/chargers?bbox=" + box, null));
    assertThat(hits).extracting(c -> c.getString("name")).containsExactlyInAnyOrder("Inside A", "Inside B");
    assertThat(hits).allSatisfy(c -> {
      assertThat(c.getBoolean("availableNow")).isTrue();
      assertThat(c.containsKey("distanceKm")).isFalse();
    });
  }

  @Test
  @DisplayName("filters: connector type, minimum power and maximum price narrow the results, together too")
  void filters() {
    double[] a = area();
    http.createCharger(host, Http.chargerBody("F ccs 50", a[0], a[1]).put("connectorType", "CCS2").put("powerKw", 50)
      .put("pricePerHourMinor", 60000));
    http.createCharger(host, Http.chargerBody("F type2 7", north(a[0], 1), a[1]).put("connectorType", "TYPE2").put("powerKw", 7.4)
      .put("pricePerHourMinor", 10000));
    http.createCharger(host, Http.chargerBody("F type2 22", north(a[0], 2), a[1]).put("connectorType", "TYPE2").put("powerKw", 22)
      .put("pricePerHourMinor", 20000));
    String at = "/api/chargers?lat=" + a[0] + "&lng=" + a[1];
    assertThat(names(http.get(at + "&connectorType=TYPE2", null))).containsExactly("F type2 7", "F type2 22");
    assertThat(names(http.get(at + "&minPowerKw=22", null))).containsExactly("F ccs 50", "F type2 22");
    assertThat(names(http.get(at + "&maxPricePerHourMinor=20000", null))).containsExactly("F type2 7", "F type2 22");
    assertThat(names(http.get(at + "&connectorType=TYPE2&minPowerKw=10&maxPricePerHourMinor=20000", null)))
      .containsExactly("F type2 22");
    assertThat(names(http.get(at + "&connectorType=CHADEMO", null))).isEmpty();
  }

  @Test
  @DisplayName("availableFrom/availableTo keeps only chargers free for the whole window, from the engine's calendar")
  void freeWindow() {
    double[] a = area();
    long booked = http.createCharger(host, Http.chargerBody("W booked", a[0], a[1]));
    http.createCharger(host, Http.chargerBody("W free", north(a[0], 1), a[1]));
    long offline = http.createCharger(host, Http.chargerBody("W offline", north(a[0], 2), a[1]));
    long blocked = http.createCharger(host, Http.chargerBody("W blocked", north(a[0], 3), a[1]));
    Instant from = Http.hoursAhead(26);
    Instant to = Http.hoursAhead(28);
    // the booking covers only the last hour of the window: the charger is not free for all of it
    assertThat(http.post("/api/bookings", Http.booking(booked, Http.hoursAhead(27), Http.hoursAhead(28)), driver).status())
      .isEqualTo(201);
    assertThat(http.patch("/api/chargers/" + offline, new JsonObject().put("status", "OFFLINE"), host).status()).isEqualTo(200);
    assertThat(http.post("/api/chargers/" + blocked + "/blocks", new JsonObject().put("start", from.toString())
      .put("end", Http.hoursAhead(27).toString()).put("reason", "maintenance"), host).status()).isEqualTo(201);
    String at = "/api/chargers?lat=" + a[0] + "&lng=" + a[1];
    assertThat(names(http.get(at + "&availableFrom=" + from + "&availableTo=" + to, null))).containsExactly("W free");
    assertThat(names(http.get(at + "&availableFrom=" + Http.hoursAhead(30) + "&availableTo=" + Http.hoursAhead(31), null)))
      .containsExactly("W booked", "W free", "W blocked");
    assertThat(names(http.get(at, null))).containsExactly("W booked", "W free", "W offline", "W blocked");
  }

  @Test
  @DisplayName("bad search parameters are 400 VALIDATION_FAILED naming the parameter")
  void badSearch() {
    String now = Http.hoursAhead(2).toString();
    Map<String, String> cases = Map.ofEntries(
      Map.entry("", "lat"),
      Map.entry("lng=10", "lat"),
      Map.entry("lat=10", "lng"),
      Map.entry("lat=91&lng=10", "lat"),
      Map.entry("lat=10&lng=-181", "lng"),
      Map.entry("lat=abc&lng=10", "lat"),
      Map.entry("lat=10&lng=10&radiusKm=0", "radiusKm"),
      Map.entry("lat=10&lng=10&radiusKm=101", "radiusKm"),
      Map.entry("lat=10&lng=10&radiusKm=far", "radiusKm"),
      Map.entry("bbox=1,2,3", "bbox"),
      Map.entry("bbox=a,b,c,d", "bbox"),
      Map.entry("bbox=10,20,11,19", "bbox"),
      Map.entry("bbox=10,-95,11,19", "bbox"),
      Map.entry("lat=10&lng=10&connectorType=USB", "connectorType"),
      Map.entry("lat=10&lng=10&minPowerKw=-1", "minPowerKw"),
      Map.entry("lat=10&lng=10&minPowerKw=lots", "minPowerKw"),
      Map.entry("lat=10&lng=10&maxPricePerHourMinor=-1", "maxPricePerHourMinor"),
      Map.entry("lat=10&lng=10&maxPricePerHourMinor=1.5", "maxPricePerHourMinor"),
      Map.entry("lat=10&lng=10&availableFrom=" + now, "availableTo"),
      Map.entry("lat=10&lng=10&availableTo=" + now, "availableFrom"),
      Map.entry("lat=10&lng=10&availableFrom=tomorrow&availableTo=" + now, "availableFrom"),
      Map.entry("lat=10&lng=10&availableFrom=" + now + "&availableTo=" + now, "availableTo"),
      Map.entry("lat=10&lng=10&availableFrom=" + now + "&availableTo=" + Http.hoursAhead(2 + 24 * 8), "availableTo"),
      Map.entry("lat=10&lng=10&limit=0", "limit"),
      Map.entry("lat=10&lng=10&limit=501", "limit"),
      Map.entry("lat=10&lng=10&limit=many", "limit"));
    cases.forEach((query, field) -> {
      var r = http.get("/api/chargers?" + query, null);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(fields(r).fieldNames()).as(query).contains(field);
    });
    assertThat(found(http.get("/api/chargers?lat=10&lng=10&limit=500&radiusKm=100", null))).isNotNull();
  }

  // ---- slots and blocks ----

  @Test
  @DisplayName("slots: a day of the grid with FREE, BOOKED, BLOCKED and CLOSED in the charger's zone, PAST before now")
  void slots() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    JsonArray hours = new JsonArray();
    for (String d : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      hours.add(new JsonObject().put("day", d).put("open", "06:00").put("close", "22:00"));
    }
    // slot boundaries are multiples of the slot length in UTC; India's +05:30 lines up with 30-minute slots
    long id = http.createCharger(host, Http.chargerBody("Slots", 10, 10).put("openingHours", hours).put("slotMinutes", 30));
    LocalDate tomorrow = LocalDate.now(kolkata).plusDays(1);
    Instant dayStart = tomorrow.atStartOfDay(kolkata).toInstant();
    Instant dayEnd = tomorrow.plusDays(1).atStartOfDay(kolkata).toInstant();
    Instant ten = tomorrow.atTime(10, 0).atZone(kolkata).toInstant();
    Instant twelve = tomorrow.atTime(12, 0).atZone(kolkata).toInstant();
    assertThat(http.post("/api/bookings", Http.booking(id, ten, ten.plusSeconds(3600)), driver).status()).isEqualTo(201);
    assertThat(http.post("/api/chargers/" + id + "/blocks", new JsonObject().put("start", twelve.toString())
      .put("end", twelve.plusSeconds(7200).toString()).put("reason", "service"), host).status()).isEqualTo(201);

    var r = http.get("/api/chargers/" + id + "/slots?from=" + q(dayStart.toString()) + "&to=" + q(dayEnd.toString()), null);
    assertThat(r.status()).isEqualTo(200);
    JsonObject body = r.json();
    assertThat(body.getLong("chargerId")).isEqualTo(id);
    assertThat(body.getInteger("slotMinutes")).isEqualTo(30);
    List<JsonObject> slots = body.getJsonArray("slots").stream().map(JsonObject.class::cast).toList();
    assertThat(slots).hasSize(48);
    assertThat(slots.get(0).getString("start")).isEqualTo(dayStart.toString());
    Map<Integer, String> expected = Map.of(2, "CLOSED", 6, "FREE", 10, "BOOKED", 11, "FREE", 12, "BLOCKED", 13, "BLOCKED",
      21, "FREE", 22, "CLOSED");
    expected.forEach((hour, status) -> assertThat(slots.get(hour * 2).getString("status")).as("%02d:00", hour).isEqualTo(status));
    assertThat(slots.get(21).getString("status")).as("10:30").isEqualTo("BOOKED");
    assertThat(slots.get(11).getString("status")).as("05:30").isEqualTo("CLOSED");

    var taken = http.post("/api/bookings", Http.booking(id, twelve, twelve.plusSeconds(3600)), driver);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.errorCode()).isEqualTo("SLOT_TAKEN");

    Instant earlier = Instant.now().minusSeconds(3 * 3600);
    var past = http.get("/api/chargers/" + id + "/slots?from=" + q(earlier.truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString())
      + "&to=" + q(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString()), null);
    assertThat(past.json().getJsonArray("slots").stream().map(JsonObject.class::cast).map(s -> s.getString("status")))
      .isNotEmpty().allMatch("PAST"::equals);
  }

  @Test
  @DisplayName("slots: bad ranges are 400, more than 7 days is 400, an unknown charger is 404")
  void badSlots() {
    long id = http.createCharger(host);
    String from = Http.hoursAhead(1).toString();
    assertThat(fields(http.get("/api/chargers/" + id + "/slots?from=yesterday", null)).fieldNames()).contains("from");
    assertThat(fields(http.get("/api/chargers/" + id + "/slots?from=" + from + "&to=" + from, null)).fieldNames()).contains("to");
    assertThat(fields(http.get("/api/chargers/" + id + "/slots?from=" + from + "&to=" + Http.hoursAhead(1 + 24 * 7 + 1), null))
      .fieldNames()).contains("to");
    assertThat(http.get("/api/chargers/" + id + "/slots?from=" + from + "&to=" + Http.hoursAhead(1 + 24 * 7), null).status())
      .isEqualTo(200);
    assertThat(http.get("/api/chargers/987654321/slots", null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a host blocks and unblocks a window on their own charger; the blocked slots come free again")
  void blocks() {
    long id = http.createCharger(host);
    Instant start = Http.hoursAhead(30);
    var r = http.post("/api/chargers/" + id + "/blocks", new JsonObject().put("start", start.toString())
      .put("end", start.plusSeconds(3600).toString()).put("reason", "cleaning"), host);
    assertThat(r.status()).isEqualTo(201);
    long blockId = r.json().getJsonObject("block").getLong("id");
    assertThat(http.get("/api/chargers/" + id + "/blocks", host).json().getJsonArray("blocks")).hasSize(1);
    assertThat(fields(http.post("/api/chargers/" + id + "/blocks", new JsonObject().put("start", "soon"), host)).fieldNames())
      .contains("start", "end");
    assertThat(http.delete("/api/chargers/" + id + "/blocks/" + blockId, otherHost).status()).isEqualTo(403);
    assertThat(http.delete("/api/chargers/" + id + "/blocks/" + blockId, host).status()).isEqualTo(204);
    var slots = http.get("/api/chargers/" + id + "/slots?from=" + q(start.toString()) + "&to=" + q(start.plusSeconds(3600).toString()), null);
    assertThat(slots.json().getJsonArray("slots").stream().map(JsonObject.class::cast).map(s -> s.getString("status")))
      .allMatch("FREE"::equals);
  }
}
