package com.chargeshare.geo;

import com.chargeshare.support.FakeNominatim;
import com.chargeshare.support.Http;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Address search: our server asks a Nominatim-compatible geocoder (a local fake), with a cache and limits")
class GeocodeApiTest {

  static final String AGENT = "EV-ChargeShare-test/1.0 (ops@chargeshare.example)";
  static FakeNominatim nominatim;
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    nominatim = FakeNominatim.start();
    server = TestServer.start("geocode", new JsonObject().put("geocoder", new JsonObject().put("url", nominatim.url() + "/")
      .put("userAgent", AGENT).put("timeoutMillis", 700).put("perUserPerMinute", 4)));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (nominatim != null) {
      nominatim.close();
    }
  }

  static Http.Response search(String q, String token) {
    return http.get("/api/geocode?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
  }

  static long asked(String q) {
    return nominatim.asked().stream().filter(a -> q.equals(a.params().get("q"))).count();
  }

  @Test
  @DisplayName("a search is passed on as /search?format=jsonv2&q=...&limit=5 with our User-Agent; hits come back as places")
  void proxies() {
    String token = http.signUp("HOST");
    var r = search("MG Road", token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonArray places = r.json().getJsonArray("places");
    assertThat(places).hasSize(2);
    JsonObject first = places.getJsonObject(0);
    assertThat(first.getString("name")).isEqualTo("MG Road, Shivaji Nagar, Bengaluru, Karnataka, 560001, India");
    assertThat(first.getDouble("lat")).isEqualTo(12.9755264);
    assertThat(first.getDouble("lng")).isEqualTo(77.6067902);
    assertThat(first.fieldNames()).containsExactlyInAnyOrder("name", "lat", "lng");

    FakeNominatim.Asked asked = nominatim.asked().stream().filter(a -> "MG Road".equals(a.params().get("q"))).findFirst().orElseThrow();
    assertThat(asked.userAgent()).isEqualTo(AGENT);
    assertThat(asked.params()).containsEntry("format", "jsonv2").containsEntry("limit", "5");

    // the same search again (any case or spacing) comes from the cache, and costs nothing of the user's limit
    for (int i = 0; i < 6; i++) {
      assertThat(search(i % 2 == 0 ? "mg   road" : "MG ROAD", token).status()).isEqualTo(200);
    }
    assertThat(asked("MG Road") + asked("mg   road") + asked("MG ROAD")).isEqualTo(1);
    assertThat(search("nowhere at all", token).json().getJsonArray("places")).isEmpty();
  }

  @Test
  @DisplayName("each user may search 4 times a minute here; the fifth is 429 with Retry-After; others are not held up")
  void rateLimited() {
    String token = http.signUp("DRIVER");
    for (int i = 1; i <= 4; i++) {
      assertThat(search("street " + i + " of the limited", token).status()).isEqualTo(200);
    }
    var refused = search("street 5 of the limited", token);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    assertThat(asked("street 5 of the limited")).isZero();
    assertThat(search("street 5 of the limited", http.signUp("DRIVER")).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("12 parallel searches by one user: exactly 4 reach the geocoder and are answered, 8 are 429")
  void rateLimitUnderConcurrency() {
    String token = http.signUp("DRIVER");
    java.util.List<java.util.concurrent.CompletableFuture<Http.Response>> sent = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sent.add(http.sendAsync(http.request("GET", "/api/geocode?q=parallel+lane+" + i, null, token).build()));
    }
    java.util.List<Integer> statuses = sent.stream().map(java.util.concurrent.CompletableFuture::join).map(Http.Response::status).toList();
    assertThat(statuses).filteredOn(st -> st == 200).hasSize(4);
    assertThat(statuses).filteredOn(st -> st == 429).hasSize(8);
    assertThat(nominatim.asked().stream().filter(a -> a.params().getOrDefault("q", "").startsWith("parallel lane "))).hasSize(4);
  }

  @Test
  @DisplayName("a geocoder that is slow, failing or talking nonsense is 503 UNAVAILABLE, within the timeout")
  void upstreamTrouble() {
    String token = http.signUp("HOST");
    long t0 = System.nanoTime();
    var slow = search("slow", token);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(slow.status()).isEqualTo(503);
    assertThat(slow.errorCode()).isEqualTo("UNAVAILABLE");
    assertThat(slow.json().getJsonObject("error").getString("message")).contains("place the pin on the map");
    assertThat(millis).isLessThan(2500);
    String other = http.signUp("HOST");
    assertThat(search("broken", other).status()).isEqualTo(503);
    assertThat(search("garbage", other).status()).isEqualTo(503);
  }

  @Test
  @DisplayName("bad queries are 400 and never reach the geocoder")
  void badInput() {
    int before = nominatim.asked().size();
    assertThat(http.get("/api/geocode", null).status()).isEqualTo(400);
    assertThat(http.get("/api/geocode?q=", null).status()).isEqualTo(400);
    assertThat(http.get("/api/geocode?q=%20%20", null).status()).isEqualTo(400);
    assertThat(http.get("/api/geocode?q=a&q=b", null).status()).isEqualTo(400);
    assertThat(search("x".repeat(201), null).status()).isEqualTo(400);
    assertThat(http.get("/api/geocode?q=MG%00Road", null).status()).isEqualTo(400);
    assertThat(http.get("/api/geocode?q=MG%E2%80%AERoad", null).status()).isEqualTo(400);
    var bad = http.get("/api/geocode?q=", null);
    assertThat(bad.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").getString("q")).isEqualTo("is required");
    assertThat(nominatim.asked()).hasSize(before);
    // 200 characters are fine; signed out, the limit counts per address
    assertThat(search("y".repeat(200), null).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("the map and the charger form offer the search only when a geocoder is set; without one the API is 404")
  void offWhenUnset() {
    String token = http.signUp("HOST");
    assertThat(http.get("/", null).body()).contains("id=\"place-search\"");
    String form = http.send(http.request("GET", "/host/chargers/new", null, null).header("Cookie", "cs_session=" + token).build()).body();
    assertThat(form).contains("id=\"address-find\"");
    try (TestServer plain = TestServer.start("geocodeoff")) {
      Http h = new Http(plain.url());
      var off = h.get("/api/geocode?q=MG%20Road", null);
      assertThat(off.status()).isEqualTo(404);
      assertThat(off.errorCode()).isEqualTo("NOT_FOUND");
      assertThat(h.get("/", null).body()).doesNotContain("place-search");
      String hostToken = h.signUp("HOST");
      String plainForm = h.send(h.request("GET", "/host/chargers/new", null, null).header("Cookie", "cs_session=" + hostToken).build())
        .body();
      assertThat(plainForm).doesNotContain("address-find").contains("id=\"pin-map\"");
    }
  }
}
