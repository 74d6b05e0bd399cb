package com.chargeshare.pages;

import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Discovery pages: the map, a charger's page and the host's add/edit form, over HTTP")
class ChargerPagesTest {

  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("pages", new JsonObject().put("map", new JsonObject()
      .put("tileUrl", "https://tiles.example.test/{z}/{x}/{y}.png")
      .put("attribution", "&copy; Example <b>Tiles</b>")
      .put("googleMapsKey", "g-key-123")
      .put("defaultLat", 12.5).put("defaultLng", 77.25).put("defaultZoom", 11)));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
      .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
      .collect(Collectors.joining("&"));
  }

  /** A browser's form post: the session cookie, our own Origin, url-encoded fields. */
  private static Http.Response postForm(String path, Map<String, String> fields, String token, String origin) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
      .header("Content-Type", "application/x-www-form-urlencoded")
      .header("Origin", origin)
      .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    if (token != null) {
      b.header("Cookie", "cs_session=" + token);
    }
    return http.send(b.build());
  }

  private static Http.Response page(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (token != null) {
      b.header("Cookie", "cs_session=" + token);
    }
    return http.send(b.build());
  }

  private static Map<String, String> validForm() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("name", "Form charger " + UUID.randomUUID());
    f.put("description", "Covered bay");
    f.put("address", "12 MG Road");
    f.put("lat", "12.9716");
    f.put("lng", "77.5946");
    f.put("connectorType", "TYPE2");
    f.put("powerKw", "7.4");
    f.put("pricePerHour", "150.50");
    f.put("currency", "INR");
    f.put("slotMinutes", "30");
    f.put("timeZone", "Asia/Kolkata");
    f.put("accessInstructions", "Gate code 4821");
    f.put("hoursMode", "always");
    for (String d : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      f.put("hours." + d + ".mode", "hours");
      f.put("hours." + d + ".open", "08:00");
      f.put("hours." + d + ".close", "20:00");
    }
    return f;
  }

  @Test
  @DisplayName("the map page carries the configured tiles, attribution, Google key and default view as data attributes")
  void mapPage() {
    var r = page("/", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(r.body())
      .contains("id=\"map\"")
      .contains("data-tile-url=\"https://tiles.example.test/{z}/{x}/{y}.png\"")
      .contains("data-attribution=\"&amp;copy; Example &lt;b&gt;Tiles&lt;/b&gt;\"")
      .contains("data-google-key=\"g-key-123\"")
      .contains("data-lat=\"12.5\"").contains("data-lng=\"77.25\"").contains("data-zoom=\"11\"")
      .contains("/webjars/leaflet/1.9.4/dist/leaflet.js").contains("/static/js/map.js")
      .contains("id=\"filters\"").contains("id=\"charger-list\"").contains("id=\"near-me\"");
  }

  @Test
  @DisplayName("?lat=&lng=&zoom= centres the map; values out of range fall back to the default view")
  void mapCentre() {
    assertThat(page("/?lat=13.05&lng=77.6&zoom=15", null).body())
      .contains("data-lat=\"13.05\"").contains("data-lng=\"77.6\"").contains("data-zoom=\"15\"");
    var bad = page("/?lat=95&lng=abc&zoom=40", null);
    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.body()).contains("data-lat=\"12.5\"").contains("data-lng=\"77.25\"").contains("data-zoom=\"11\"");
  }

  @Test
  @DisplayName("the Leaflet WebJar and the page scripts are served")
  void assets() {
    assertThat(http.get("/webjars/leaflet/1.9.4/dist/leaflet.js", null).status()).isEqualTo(200);
    assertThat(http.get("/webjars/leaflet/1.9.4/dist/leaflet.css", null).status()).isEqualTo(200);
    for (String js : List.of("map.js", "charger.js", "charger-form.js", "format.js")) {
      assertThat(http.get("/static/js/" + js, null).status()).as(js).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a charger's page shows HTML in its name and description as text, never as markup")
  void escapes() {
    String host = http.signUp("HOST");
    long id = http.createCharger(host, Http.chargerBody("<script>alert('x')</script> Bay", 12.97, 77.59)
      .put("description", "<img src=x onerror=alert(1)> nice")
      .put("address", "<b>bold</b> street"));
    var r = page("/chargers/" + id, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
      .doesNotContain("<script>alert(").doesNotContain("<img src=x").doesNotContain("<b>bold</b>")
      .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Bay")
      .contains("&lt;img src=x onerror=alert(1)&gt; nice")
      .contains("&lt;b&gt;bold&lt;/b&gt; street");
  }

  @Test
  @DisplayName("a charger's page has the slot grid contract, the day picker and a log-in link for anonymous visitors")
  void chargerPage() {
    String host = http.signUp("HOST");
    long id = http.createCharger(host, Http.chargerBody("Grid charger", 12.97, 77.59).put("slotMinutes", 15)
      .put("timeZone", "Asia/Kolkata").put("accessInstructions", "Secret gate code 9911"));
    var r = page("/chargers/" + id, null);
    assertThat(r.body())
      .contains("id=\"slot-grid\"").contains("data-charger-id=\"" + id + "\"").contains("data-slot-minutes=\"15\"")
      .contains("data-time-zone=\"Asia/Kolkata\"").contains("id=\"day-picker\"").contains("data-from=\"")
      .contains("Log in to book").contains("₹150.00")
      .doesNotContain("Secret gate code 9911");
    assertThat(page("/chargers/" + id, host).body()).contains("Secret gate code 9911").contains("Edit listing");
    String driver = http.signUp("DRIVER");
    var asDriver = page("/chargers/" + id, driver).body();
    assertThat(asDriver).contains("id=\"book-button\"").doesNotContain("Secret gate code 9911").doesNotContain("Log in to book");
    var booked = http.post("/api/bookings", Http.booking(id, Http.hoursAhead(3), Http.hoursAhead(4)), driver);
    assertThat(booked.status()).isEqualTo(201);
    assertThat(page("/chargers/" + id, driver).body()).contains("Secret gate code 9911");
  }

  @Test
  @DisplayName("a price is written the same on the charger's page and the host's dashboard, in its currency's minor units")
  void moneyInEveryCurrency() {
    String host = http.signUp("HOST");
    Map<String, String> shown = Map.of("JPY", "¥500", "KWD", "0.500 KWD", "AED", "5.00 AED", "INR", "₹5.00");
    Map<String, Long> ids = new LinkedHashMap<>();
    shown.keySet().forEach(currency -> ids.put(currency, http.createCharger(host,
      Http.chargerBody("Priced in " + currency, 12.97, 77.59).put("currency", currency).put("pricePerHourMinor", 500))));
    String dashboard = page("/host", host).body();
    ids.forEach((currency, id) -> {
      assertThat(page("/chargers/" + id, null).body()).as(currency).contains(shown.get(currency) + " / hour");
      assertThat(dashboard).as(currency).contains(shown.get(currency) + " / hour");
    });
  }

  @Test
  @DisplayName("an unknown charger id is a 404 page, a malformed one a 400 page (API.md v2)")
  void missing() {
    var unknown = page("/chargers/999999", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    for (String path : List.of("/chargers/abc", "/chargers/0")) {
      var r = page(path, null);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }
  }

  @Test
  @DisplayName("host pages send anonymous visitors to log in and refuse drivers and other hosts")
  void hostOnly() {
    var anon = page("/host/chargers/new", null);
    assertThat(anon.status()).isEqualTo(303);
    assertThat(anon.headers().firstValue("Location").orElse("")).startsWith("/login?next=");
    String driver = http.signUp("DRIVER");
    var refused = page("/host/chargers/new", driver);
    assertThat(refused.status()).isEqualTo(403);
    // said in a user's words, not as a role name
    assertThat(refused.body()).contains("This is only for hosts. Log in with a host account to use it.")
      .doesNotContain("role HOST");
    assertThat(postForm("/host/chargers/new", validForm(), driver, server.url()).status()).isEqualTo(403);

    String owner = http.signUp("HOST");
    String other = http.signUp("HOST");
    long id = http.createCharger(owner);
    assertThat(page("/host/chargers/" + id + "/edit", other).status()).isEqualTo(403);
    Map<String, String> f = validForm();
    f.put("name", "Hijacked");
    assertThat(postForm("/host/chargers/" + id + "/edit", f, other, server.url()).status()).isEqualTo(403);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM chargers WHERE name = 'Hijacked'")).isZero();
    assertThat(page("/host/chargers/999999/edit", owner).status()).isEqualTo(404);
    assertThat(page("/host/chargers/new", owner).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("the no-JavaScript form post creates a charger with its weekly hours and redirects to its page")
  void createByForm() {
    String host = http.signUp("HOST");
    Map<String, String> f = validForm();
    f.put("hoursMode", "weekly");
    f.put("hours.SAT.mode", "24h");
    f.put("hours.SUN.mode", "closed");
    f.put("hours.FRI.close", "00:00");
    var r = postForm("/host/chargers/new", f, host, server.url());
    assertThat(r.status()).isEqualTo(303);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/chargers/\\d+\\?notice=created");
    long id = Long.parseLong(location.substring("/chargers/".length(), location.indexOf('?')));
    JsonObject c = http.get("/api/chargers/" + id, host).json().getJsonObject("charger");
    assertThat(c.getString("name")).isEqualTo(f.get("name"));
    assertThat(c.getLong("pricePerHourMinor")).isEqualTo(15050);
    assertThat(c.getDouble("powerKw")).isEqualTo(7.4);
    assertThat(c.getString("accessInstructions")).isEqualTo("Gate code 4821");
    JsonArray hours = c.getJsonArray("openingHours");
    assertThat(hours).hasSize(6);
    assertThat(hours.stream().map(JsonObject.class::cast).filter(h -> h.getString("day").equals("SAT")).findFirst().orElseThrow())
      .isEqualTo(new JsonObject().put("day", "SAT").put("open", "00:00").put("close", "24:00"));
    assertThat(hours.stream().map(JsonObject.class::cast).filter(h -> h.getString("day").equals("FRI")).findFirst().orElseThrow()
      .getString("close")).isEqualTo("24:00");
    assertThat(hours.stream().map(JsonObject.class::cast).noneMatch(h -> h.getString("day").equals("SUN"))).isTrue();
    assertThat(page(location, null).body()).contains(f.get("name")).contains("Your charger is listed.");
  }

  @Test
  @DisplayName("a bad form comes back as a 400 page naming each bad field, keeping what was typed, storing nothing")
  void formErrors() {
    String host = http.signUp("HOST");
    Map<String, String> f = validForm();
    String marker = "Kept <value> " + UUID.randomUUID();
    f.put("name", "");
    f.put("address", marker);
    f.put("lat", "95");
    f.put("lng", "east");
    f.put("pricePerHour", "cheap");
    f.put("powerKw", "0");
    f.put("timeZone", "Mars/Olympus");
    f.put("hoursMode", "weekly");
    f.put("hours.MON.open", "18:00");
    f.put("hours.MON.close", "09:00");
    var r = postForm("/host/chargers/new", f, host, server.url());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body())
      .contains("data-field-error=\"name\" class=\"mt-1 text-sm text-red-700\">is required")
      .contains("data-field-error=\"lat\" class=\"mt-1 text-sm text-red-700\">must be between -90 and 90")
      .contains("data-field-error=\"lng\" class=\"mt-1 text-sm text-red-700\">must be a number")
      .contains("data-field-error=\"pricePerHour\" class=\"mt-1 text-sm text-red-700\">must be an amount")
      .contains("data-field-error=\"powerKw\" class=\"mt-1 text-sm text-red-700\">must be &gt; 0 and &lt;= 400")
      .contains("data-field-error=\"timeZone\" class=\"mt-1 text-sm text-red-700\">must be an IANA time zone")
      .contains("data-field-error=\"hours.MON\" class=\"mt-1 text-sm text-red-700 sm:col-span-4\">close must be after open")
      .contains("value=\"Kept &lt;value&gt; " + marker.substring("Kept <value> ".length()) + "\"");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM chargers WHERE address = ?", marker)).isZero();

    Map<String, String> allClosed = validForm();
    allClosed.put("hoursMode", "weekly");
    for (String d : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      allClosed.put("hours." + d + ".mode", "closed");
    }
    var closed = postForm("/host/chargers/new", allClosed, host, server.url());
    assertThat(closed.status()).isEqualTo(400);
    assertThat(closed.body()).contains("at least one day must be open");
  }

  @Test
  @DisplayName("the edit form shows the listing, saves changes including going offline, and clears optional fields")
  void editByForm() {
    String host = http.signUp("HOST");
    long id = http.createCharger(host, Http.chargerBody("Before edit", 12.97, 77.59).put("description", "old words")
      .put("openingHours", new JsonArray().add(new JsonObject().put("day", "MON").put("open", "07:00").put("close", "21:00"))));
    var edit = page("/host/chargers/" + id + "/edit", host);
    assertThat(edit.status()).isEqualTo(200);
    assertThat(edit.body()).contains("value=\"Before edit\"").contains("old words").contains("value=\"150.00\"")
      .contains("value=\"07:00\"").contains("value=\"21:00\"");
    Map<String, String> f = validForm();
    f.put("name", "After edit");
    f.put("description", "");
    f.put("status", "OFFLINE");
    var r = postForm("/host/chargers/" + id + "/edit", f, host, server.url());
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/chargers/" + id + "?notice=saved");
    // the saved edit is confirmed on the page the host lands on, and nothing from the query is echoed
    assertThat(page("/chargers/" + id + "?notice=saved", host).body()).contains("data-flash").contains("Your changes are saved.");
    assertThat(page("/chargers/" + id + "?notice=%3Cb%3Ehi", host).body()).doesNotContain("data-flash").doesNotContain("<b>hi");
    JsonObject c = http.get("/api/chargers/" + id, host).json().getJsonObject("charger");
    assertThat(c.getString("name")).isEqualTo("After edit");
    assertThat(c.getString("description")).isNull();
    assertThat(c.getString("status")).isEqualTo("OFFLINE");
    assertThat(c.getValue("openingHours")).isNull();
    assertThat(c.getBoolean("availableNow")).isFalse();
  }

  @Test
  @DisplayName("a charger's page says Free, Busy, Closed or Offline now: outside its opening hours it is Closed, not Busy")
  void nowStatusBadge() {
    String host = http.signUp("HOST");
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Kolkata"));
    // open only on another weekday: closed now, whatever the time
    String otherDay = now.getDayOfWeek().plus(3).name().substring(0, 3);
    long closed = http.createCharger(host, Http.chargerBody("Closed today", 12.97, 77.59)
      .put("openingHours", new JsonArray().add(new JsonObject().put("day", otherDay).put("open", "08:00").put("close", "20:00"))));
    long free = http.createCharger(host, Http.chargerBody("Open always", 12.97, 77.59));
    long offline = http.createCharger(host, Http.chargerBody("Switched off", 12.97, 77.59));
    assertThat(http.patch("/api/chargers/" + offline, new JsonObject().put("status", "OFFLINE"), host).status()).isEqualTo(200);
    assertThat(page("/chargers/" + closed, null).body()).contains("data-state=\"closed\"").contains("Closed now")
      .doesNotContain("Busy now");
    assertThat(page("/chargers/" + free, null).body()).contains("data-state=\"free\"").contains("Free now");
    assertThat(page("/chargers/" + offline, null).body()).contains("data-state=\"offline\"").contains("data-online=\"false\"");
  }

  @Test
  @DisplayName("the charger and map pages speak to touch screens too: no shift-click, no list 'beside' the map")
  void touchWording() {
    String host = http.signUp("HOST");
    long id = http.createCharger(host);
    String driver = http.signUp("DRIVER");
    assertThat(page("/chargers/" + id, driver).body()).doesNotContainIgnoringCase("shift-click").doesNotContain("click the last");
    assertThat(page("/", null).body()).doesNotContain("listed beside it");
  }

  @Test
  @DisplayName("a cross-site form post is refused and creates nothing")
  void crossSite() {
    String host = http.signUp("HOST");
    Map<String, String> f = validForm();
    var r = postForm("/host/chargers/new", f, host, "https://evil.example");
    assertThat(r.status()).isEqualTo(403);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM chargers WHERE name = ?", f.get("name"))).isZero();
  }
}
