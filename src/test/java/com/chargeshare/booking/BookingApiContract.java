package com.chargeshare.booking;

import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.Prometheus;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booking rules of API.md through HTTP, for one engine; subclasses pick the engine.
 * Each engine's test class has a server and a database of its own, in fields of its one instance: statics here
 * would be one set shared by both engines' classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BookingApiContract {

  TestServer server;
  Http http;
  String host;
  String driver;
  long charger;

  private final String engine;

  BookingApiContract(String engine) {
    this.engine = engine;
  }

  @BeforeAll
  void start() {
    server = TestServer.start("booking-" + engine, new JsonObject().put("booking", new JsonObject().put("engine", engine)));
    http = new Http(server.url());
    host = http.signUp("HOST");
    driver = http.signUp("DRIVER");
    charger = http.createCharger(host);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Http.Response book(String token, long chargerId, Instant start, Instant end) {
    return http.post("/api/bookings", Http.booking(chargerId, start, end), token);
  }

  private static java.util.Map<String, Object> fields(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    return r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").getMap();
  }

  @Test
  @DisplayName("a booking is 201 CONFIRMED with a server-computed price, and MySQL holds it with its slot claims")
  void books() {
    Instant start = Http.hoursAhead(30);
    var r = book(driver, charger, start, start.plus(Duration.ofMinutes(90)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject b = r.json().getJsonObject("booking");
    assertThat(b.getString("status")).isEqualTo("CONFIRMED");
    assertThat(b.getLong("priceMinor")).isEqualTo(22500);
    assertThat(b.getString("currency")).isEqualTo("INR");
    assertThat(b.getString("start")).isEqualTo(start.toString());
    assertThat(r.json().getBoolean("rescheduled")).isFalse();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE id = ? AND status = 'CONFIRMED'", b.getLong("id"))).isOne();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE booking_id = ?", b.getLong("id"))).isEqualTo(6);
  }

  @Test
  @DisplayName("a client-sent price or status is ignored")
  void ignoresClientPrice() {
    Instant start = Http.hoursAhead(40);
    var r = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))).put("priceMinor", 1)
      .put("status", "CANCELLED"), driver);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().getJsonObject("booking").getLong("priceMinor")).isEqualTo(15000);
    assertThat(r.json().getJsonObject("booking").getString("status")).isEqualTo("CONFIRMED");
  }

  @Test
  @DisplayName("a taken window is 409 SLOT_TAKEN with free alternatives of the same length")
  void slotTaken() {
    Instant start = Http.hoursAhead(50);
    assertThat(book(driver, charger, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    String other = http.signUp("DRIVER");
    var r = book(other, charger, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90)));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorCode()).isEqualTo("SLOT_TAKEN");
    JsonArray alternatives = r.json().getJsonObject("error").getJsonObject("details").getJsonArray("alternatives");
    assertThat(alternatives).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    for (int i = 0; i < alternatives.size(); i++) {
      JsonObject w = alternatives.getJsonObject(i);
      Instant s = Instant.parse(w.getString("start"));
      assertThat(Duration.between(s, Instant.parse(w.getString("end")))).isEqualTo(Duration.ofHours(1));
      int status = book(other, w.getLong("chargerId"), s, s.plus(Duration.ofHours(1))).status();
      // the first one is free for certain; a later one may overlap one just booked here
      assertThat(status).as("alternative %s is free", w).isIn(201, 409);
      if (i == 0) {
        assertThat(status).as("alternative %s is free", w).isEqualTo(201);
      }
    }
    JsonObject first = alternatives.getJsonObject(0);
    assertThat(first.getLong("chargerId")).isEqualTo(charger);
  }

  @Test
  @DisplayName("alternatives include a compatible charger nearby when the same window is free there")
  void alternativesNearby() {
    long near = http.createCharger(host, Http.chargerBody("Next door", 12.975, 77.595));
    long otherConnector = http.createCharger(host, Http.chargerBody("Other plug", 12.976, 77.595).put("connectorType", "TYPE2"));
    Instant start = Http.hoursAhead(60);
    assertThat(book(driver, charger, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    var r = book(http.signUp("DRIVER"), charger, start, start.plus(Duration.ofHours(1)));
    JsonArray alternatives = r.json().getJsonObject("error").getJsonObject("details").getJsonArray("alternatives");
    assertThat(alternatives.stream().map(o -> ((JsonObject) o).getLong("chargerId"))).contains(near).doesNotContain(otherConnector);
  }

  @Test
  @DisplayName("flexMinutes moves the window to the closest free one, earlier first, and says rescheduled")
  void flex() {
    Instant start = Http.hoursAhead(70);
    assertThat(book(driver, charger, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    var r = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))).put("flexMinutes", 60), driver);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getBoolean("rescheduled")).isTrue();
    assertThat(r.json().getJsonObject("booking").getString("start")).isEqualTo(start.minus(Duration.ofHours(1)).toString());
    var tooLittle = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))).put("flexMinutes", 30), driver);
    assertThat(tooLittle.status()).isEqualTo(409);
  }

  @Test
  @DisplayName("each window rule has its own answer and books nothing")
  void rules() {
    long before = Sql.count(server.db(), "SELECT COUNT(*) FROM bookings");
    Instant start = Http.hoursAhead(80);
    assertThat(fields(book(driver, charger, start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofHours(1))))).containsKey("start");
    assertThat(fields(book(driver, charger, start, start))).containsKey("end");
    assertThat(fields(book(driver, charger, start, start.plus(Duration.ofHours(9))))).containsKey("end");
    assertThat(fields(book(driver, charger, Http.hoursAhead(-2), Http.hoursAhead(-1)))).containsKey("start");
    assertThat(fields(book(driver, charger, Http.hoursAhead(24 * 32), Http.hoursAhead(24 * 32 + 1)))).containsKey("start");
    assertThat(fields(http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(3600)).put("flexMinutes", 241), driver)))
      .containsKey("flexMinutes");
    assertThat(fields(http.post("/api/bookings", new JsonObject().put("chargerId", "one").put("start", "tomorrow"), driver)))
      .containsKeys("chargerId", "start", "end");
    var missing = book(driver, 999_999, start, start.plus(Duration.ofHours(1)));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings")).isEqualTo(before);
  }

  @Test
  @DisplayName("offline chargers and windows outside opening hours are refused with their own codes")
  void offlineAndHours() {
    long c = http.createCharger(host, Http.chargerBody("Office", 12.99, 77.6).put("timeZone", "Asia/Kolkata")
      .put("openingHours", new JsonArray()
        .add(new JsonObject().put("day", "MON").put("open", "09:00").put("close", "17:00"))
        .add(new JsonObject().put("day", "TUE").put("open", "09:00").put("close", "17:00"))
        .add(new JsonObject().put("day", "WED").put("open", "09:00").put("close", "17:00"))
        .add(new JsonObject().put("day", "THU").put("open", "09:00").put("close", "17:00"))
        .add(new JsonObject().put("day", "FRI").put("open", "09:00").put("close", "17:00"))
        .add(new JsonObject().put("day", "SAT").put("open", "09:00").put("close", "17:00"))
        .add(new JsonObject().put("day", "SUN").put("open", "09:00").put("close", "17:00"))));
    // 03:30 UTC is 09:00 in Kolkata; 12:00 UTC is 17:30
    Instant day = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    assertThat(book(driver, c, day.plus(Duration.ofMinutes(210)), day.plus(Duration.ofMinutes(270))).status()).isEqualTo(201);
    var closed = book(driver, c, day.plus(Duration.ofHours(12)), day.plus(Duration.ofHours(13)));
    assertThat(closed.status()).isEqualTo(409);
    assertThat(closed.errorCode()).isEqualTo("OUTSIDE_OPENING_HOURS");
    var straddling = book(driver, c, day.plus(Duration.ofMinutes(180)), day.plus(Duration.ofMinutes(240)));
    assertThat(straddling.errorCode()).isEqualTo("OUTSIDE_OPENING_HOURS");
    assertThat(http.patch("/api/chargers/" + c, new JsonObject().put("status", "OFFLINE"), host).status()).isEqualTo(200);
    var offline = book(driver, c, day.plus(Duration.ofMinutes(300)), day.plus(Duration.ofMinutes(360)));
    assertThat(offline.status()).isEqualTo(409);
    assertThat(offline.errorCode()).isEqualTo("CHARGER_OFFLINE");
  }

  @Test
  @DisplayName("only drivers book: a host gets 403")
  void hostsDoNotBook() {
    var r = book(host, charger, Http.hoursAhead(90), Http.hoursAhead(91));
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  @DisplayName("an Idempotency-Key retry returns the first answer and books nothing more")
  void idempotency() {
    Instant start = Http.hoursAhead(100);
    String key = UUID.randomUUID().toString();
    var request = http.request("POST", "/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))).encode(), driver)
      .header("Idempotency-Key", key).build();
    var first = http.send(request);
    var retry = http.send(request);
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().getJsonObject("booking").getLong("id")).isEqualTo(first.json().getJsonObject("booking").getLong("id"));
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND start_at = ?", charger,
      java.time.LocalDateTime.ofInstant(start, java.time.ZoneOffset.UTC))).isOne();
    // a refusal is replayed too, even after the slot frees up
    String other = http.signUp("DRIVER");
    String key2 = UUID.randomUUID().toString();
    var refusedRequest = http.request("POST", "/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))).encode(), other)
      .header("Idempotency-Key", key2).build();
    assertThat(http.send(refusedRequest).status()).isEqualTo(409);
    http.post("/api/bookings/" + first.json().getJsonObject("booking").getLong("id") + "/cancel", null, driver);
    assertThat(http.send(refusedRequest).status()).isEqualTo(409);
  }

  @Test
  @DisplayName("an Idempotency-Key reused for a different request is 422 IDEMPOTENCY_KEY_REUSED and books nothing; "
    + "the same request under it still replays, and another driver's same key is their own")
  void idempotencyKeyReused() {
    Instant start = Http.hoursAhead(104);
    String key = UUID.randomUUID().toString();
    var first = http.send(http.request("POST", "/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))).encode(),
      driver).header("Idempotency-Key", key).build());
    assertThat(first.status()).isEqualTo(201);
    Instant later = start.plus(Duration.ofHours(2));
    var reused = http.send(http.request("POST", "/api/bookings", Http.booking(charger, later, later.plus(Duration.ofHours(1))).encode(),
      driver).header("Idempotency-Key", key).build());
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.json().getJsonObject("error").getString("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND start_at = ?", charger,
      java.time.LocalDateTime.ofInstant(later, java.time.ZoneOffset.UTC))).isZero();
    var retry = http.send(http.request("POST", "/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))).encode(),
      driver).header("Idempotency-Key", key).build());
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().getJsonObject("booking").getLong("id")).isEqualTo(first.json().getJsonObject("booking").getLong("id"));
    var othersOwn = http.send(http.request("POST", "/api/bookings", Http.booking(charger, later, later.plus(Duration.ofHours(1))).encode(),
      http.signUp("DRIVER")).header("Idempotency-Key", key).build());
    assertThat(othersOwn.status()).isEqualTo(201);
  }

  @Test
  @DisplayName("cancel by the driver frees the slots for the very next request; a second cancel is 409")
  void cancel() {
    Instant start = Http.hoursAhead(110);
    long id = book(driver, charger, start, start.plus(Duration.ofHours(1))).json().getJsonObject("booking").getLong("id");
    String stranger = http.signUp("DRIVER");
    assertThat(http.post("/api/bookings/" + id + "/cancel", null, stranger).status()).isEqualTo(404);
    var r = http.post("/api/bookings/" + id + "/cancel", null, driver);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getJsonObject("booking").getString("status")).isEqualTo("CANCELLED");
    assertThat(book(stranger, charger, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    var again = http.post("/api/bookings/" + id + "/cancel", null, driver);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("BOOKING_NOT_CANCELLABLE");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE booking_id = ?", id)).isZero();
  }

  @Test
  @DisplayName("the charger's host may cancel; reading a booking is for its driver and host only")
  void hostCancelsAndReads() {
    Instant start = Http.hoursAhead(120);
    long id = book(driver, charger, start, start.plus(Duration.ofHours(1))).json().getJsonObject("booking").getLong("id");
    assertThat(http.get("/api/bookings/" + id, driver).status()).isEqualTo(200);
    assertThat(http.get("/api/bookings/" + id, host).status()).isEqualTo(200);
    assertThat(http.get("/api/bookings/" + id, http.signUp("HOST")).status()).isEqualTo(404);
    assertThat(http.get("/api/bookings/abc", driver).status()).isEqualTo(400);
    assertThat(http.post("/api/bookings/" + id + "/cancel", null, host).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("listing: a driver sees their own, a host those on their chargers, ordered by start; filters and paging")
  void list() {
    String d = http.signUp("DRIVER");
    String h = http.signUp("HOST");
    long c = http.createCharger(h, Http.chargerBody("Listing", 13.1, 77.7));
    Instant t = Http.hoursAhead(130);
    for (int i = 2; i >= 0; i--) {
      assertThat(book(d, c, t.plus(Duration.ofHours(i)), t.plus(Duration.ofHours(i + 1))).status()).isEqualTo(201);
    }
    JsonArray mine = http.get("/api/bookings", d).json().getJsonArray("bookings");
    assertThat(mine).hasSize(3);
    assertThat(mine.getJsonObject(0).getString("start")).isEqualTo(t.toString());
    assertThat(http.get("/api/bookings?chargerId=" + c, h).json().getJsonArray("bookings")).hasSize(3);
    assertThat(http.get("/api/bookings?limit=2&offset=2", d).json().getJsonArray("bookings")).hasSize(1);
    assertThat(http.get("/api/bookings?status=CANCELLED", d).json().getJsonArray("bookings")).isEmpty();
    assertThat(http.get("/api/bookings", host).json().getJsonArray("bookings").stream()
      .map(o -> ((JsonObject) o).getLong("chargerId"))).doesNotContain(c);
    assertThat(http.get("/api/bookings?limit=0", d).status()).isEqualTo(400);
    assertThat(http.get("/api/bookings?status=DONE", d).status()).isEqualTo(400);
    assertThat(http.get("/api/bookings?from=yesterday", d).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("host blocks obey first come first served and show as BLOCKED in the slot grid")
  void blocks() {
    Instant start = Http.hoursAhead(140);
    var block = http.post("/api/chargers/" + charger + "/blocks", new JsonObject().put("start", start.toString())
      .put("end", start.plus(Duration.ofHours(2)).toString()).put("reason", "maintenance"), host);
    assertThat(block.status()).as(block.body()).isEqualTo(201);
    assertThat(book(driver, charger, start, start.plus(Duration.ofHours(1))).errorCode()).isEqualTo("SLOT_TAKEN");
    var overlapping = http.post("/api/chargers/" + charger + "/blocks", new JsonObject().put("start", start.plus(Duration.ofHours(1)).toString())
      .put("end", start.plus(Duration.ofHours(3)).toString()), host);
    assertThat(overlapping.status()).isEqualTo(409);
    assertThat(http.post("/api/chargers/" + charger + "/blocks", new JsonObject().put("start", start.toString())
      .put("end", start.plus(Duration.ofHours(1)).toString()), http.signUp("HOST")).status()).isEqualTo(403);
    var slots = http.get("/api/chargers/" + charger + "/slots?from=" + start + "&to=" + start.plus(Duration.ofHours(3)), null).json();
    assertThat(slots.getInteger("slotMinutes")).isEqualTo(30);
    assertThat(slots.getJsonArray("slots").stream().map(o -> ((JsonObject) o).getString("status")))
      .containsExactly("BLOCKED", "BLOCKED", "BLOCKED", "BLOCKED", "FREE", "FREE");
    long blockId = block.json().getJsonObject("block").getLong("id");
    assertThat(http.delete("/api/chargers/" + charger + "/blocks/" + blockId, host).status()).isEqualTo(204);
    assertThat(book(driver, charger, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("the slot grid marks booked and past slots, and refuses ranges over 7 days")
  void slotGrid() {
    Instant start = Http.hoursAhead(150);
    assertThat(book(driver, charger, start, start.plus(Duration.ofMinutes(30))).status()).isEqualTo(201);
    var grid = http.get("/api/chargers/" + charger + "/slots?from=" + start + "&to=" + start.plus(Duration.ofHours(1)), null).json();
    assertThat(grid.getLong("chargerId")).isEqualTo(charger);
    assertThat(grid.getJsonArray("slots").getJsonObject(0).getString("status")).isEqualTo("BOOKED");
    assertThat(grid.getJsonArray("slots").getJsonObject(1).getString("status")).isEqualTo("FREE");
    Instant past = Http.hoursAhead(-3);
    assertThat(http.get("/api/chargers/" + charger + "/slots?from=" + past + "&to=" + past.plusSeconds(1800), null).json()
      .getJsonArray("slots").getJsonObject(0).getString("status")).isEqualTo("PAST");
    assertThat(http.get("/api/chargers/" + charger + "/slots?from=" + start + "&to=" + start.plus(Duration.ofDays(8)), null).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("a charger with future bookings cannot be deleted (409); without, it can (204) and is gone")
  void deleteCharger() {
    long c = http.createCharger(host, Http.chargerBody("Doomed", 12.5, 77.5));
    Instant start = Http.hoursAhead(160);
    long id = book(driver, c, start, start.plus(Duration.ofHours(1))).json().getJsonObject("booking").getLong("id");
    var refused = http.delete("/api/chargers/" + c, host);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("CHARGER_HAS_BOOKINGS");
    http.post("/api/bookings/" + id + "/cancel", null, driver);
    assertThat(http.delete("/api/chargers/" + c, host).status()).isEqualTo(204);
    assertThat(http.get("/api/chargers/" + c, null).status()).isEqualTo(404);
    assertThat(book(driver, c, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("metrics count outcomes")
  void metrics() {
    String confirmed = "chargeshare_bookings_total{outcome=\"confirmed\"}";
    String rejected = "chargeshare_bookings_total{outcome=\"rejected\"}";
    String cancelled = "chargeshare_bookings_total{outcome=\"cancelled\"}";
    String decisions = "chargeshare_booking_decision_seconds_count";
    String commits = "chargeshare_booking_commit_seconds_count";
    double confirmedBefore = Prometheus.value(http, confirmed);
    double rejectedBefore = Prometheus.value(http, rejected);
    double cancelledBefore = Prometheus.value(http, cancelled);
    double decisionsBefore = Prometheus.value(http, decisions);
    double commitsBefore = Prometheus.value(http, commits);

    Instant start = Http.hoursAhead(170);
    var booked = book(driver, charger, start, start.plus(Duration.ofHours(1)));
    assertThat(booked.status()).isEqualTo(201);
    assertThat(book(http.signUp("DRIVER"), charger, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(409);
    long id = booked.json().getJsonObject("booking").getLong("id");
    assertThat(http.post("/api/bookings/" + id + "/cancel", null, driver).status()).isEqualTo(200);

    String m = http.get("/metrics", null).body();
    assertThat(m).contains("chargeshare_bookings_total{outcome=\"confirmed\"}")
      .contains("chargeshare_booking_decision_seconds_bucket").contains("chargeshare_booking_commit_seconds_bucket");
    // one booking, one refusal and one cancel are counted as such, each once, and the decisions and commit timed
    Eventually.within(Duration.ofSeconds(10)).untilAsserted("the outcomes are counted", () -> {
      assertThat(Prometheus.value(http, confirmed)).isEqualTo(confirmedBefore + 1);
      assertThat(Prometheus.value(http, rejected)).isEqualTo(rejectedBefore + 1);
      assertThat(Prometheus.value(http, cancelled)).isEqualTo(cancelledBefore + 1);
      assertThat(Prometheus.value(http, decisions)).isGreaterThanOrEqualTo(decisionsBefore + 2);
      assertThat(Prometheus.value(http, commits)).isGreaterThanOrEqualTo(commitsBefore + 1);
    });
  }

  @Test
  @DisplayName("a host who also drives books other hosts' chargers, never their own (403, nothing booked)")
  void neverOwnCharger() {
    var dual = com.chargeshare.support.Session.register(http, "HOST", "Dual");
    // far from the other tests' chargers, so it is never offered as their alternative
    long own = http.createCharger(dual.token(), Http.chargerBody("Own", 28.61, 77.21));
    assertThat(http.post("/api/me/roles", new JsonObject().put("add", "DRIVER"), dual.token()).status()).isEqualTo(200);
    Instant start = Http.hoursAhead(180);
    var refused = book(dual.token(), own, start, start.plus(Duration.ofHours(1)));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ?", own)).isZero();
    long theirs = http.createCharger(host, Http.chargerBody("Theirs", 28.62, 77.22));
    var elsewhere = book(dual.token(), theirs, start, start.plus(Duration.ofHours(1)));
    assertThat(elsewhere.status()).isEqualTo(201);
    assertThat(elsewhere.json().getJsonObject("booking").getLong("driverId")).isEqualTo(dual.userId());
    // the same account lists its driving and its hosting apart
    assertThat(http.get("/api/bookings?as=DRIVER", dual.token()).json().getJsonArray("bookings")).hasSize(1);
    assertThat(http.get("/api/bookings?as=HOST", dual.token()).json().getJsonArray("bookings")).isEmpty();
    assertThat(http.get("/api/bookings?as=HOST", driver).status()).isEqualTo(403);
  }

  @Test
  @DisplayName("a confirmed booking notifies its driver and host; a host's cancel notifies the driver, a driver's the host")
  void notifiesConfirmationsAndCancels() {
    var d = com.chargeshare.support.Session.register(http, "DRIVER", "Notified driver");
    var h = com.chargeshare.support.Session.register(http, "HOST", "Notified host");
    long c = http.createCharger(h.token(), Http.chargerBody("Told", 28.63, 77.23));
    Instant start = Http.hoursAhead(190);
    long first = book(d.token(), c, start, start.plus(Duration.ofHours(1))).json().getJsonObject("booking").getLong("id");
    long second = book(d.token(), c, start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)))
      .json().getJsonObject("booking").getLong("id");
    assertThat(http.post("/api/bookings/" + first + "/cancel", new JsonObject().put("reason", "Repairs"), h.token()).status())
      .isEqualTo(200);
    assertThat(http.post("/api/bookings/" + second + "/cancel", null, d.token()).status()).isEqualTo(200);
    Eventually.within(Duration.ofSeconds(15)).untilAsserted("both sides are told", () -> {
      assertThat(kinds(d.token())).containsExactlyInAnyOrder(
        "BOOKING_CONFIRMED:" + first, "BOOKING_CONFIRMED:" + second, "BOOKING_CANCELLED_BY_HOST:" + first);
      assertThat(kinds(h.token())).containsExactlyInAnyOrder(
        "BOOKING_CONFIRMED:" + first, "BOOKING_CONFIRMED:" + second, "BOOKING_CANCELLED_BY_DRIVER:" + second);
    });
    JsonObject cancelled = http.get("/api/notifications", d.token()).json().getJsonArray("notifications").stream()
      .map(JsonObject.class::cast).filter(n -> n.getString("kind").equals("BOOKING_CANCELLED_BY_HOST")).findFirst().orElseThrow();
    assertThat(cancelled.getString("body")).contains("Repairs").contains("IST");
    assertThat(cancelled.getValue("readAt")).isNull();
  }

  private java.util.List<String> kinds(String token) {
    return http.get("/api/notifications", token).json().getJsonArray("notifications").stream().map(JsonObject.class::cast)
      .map(n -> n.getString("kind") + ":" + n.getLong("bookingId")).toList();
  }
}
