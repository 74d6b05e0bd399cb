package com.chargeshare.booking;

import com.chargeshare.support.Http;
import com.chargeshare.support.LiveClient;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md's "Slots in the charger's own time" and "Fair booking", through HTTP and MySQL; subclasses pick the engine. */
abstract class FairBookingContract {

  static TestServer server;
  static Http http;
  static String host;
  static long charger;

  static JsonObject settings;

  static void startWith(String engine) {
    settings = TestServer.FAIR_LIMITS.copy().put("db", new JsonObject().put("poolSize", 32))
      .put("booking", TestServer.FAIR_LIMITS.getJsonObject("booking").copy().put("engine", engine));
    server = TestServer.start("fair-" + engine, settings);
    http = new Http(server.url());
    host = http.signUp("HOST");
    charger = http.createCharger(host);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Http.Response book(String token, long chargerId, Instant start, Instant end) {
    return http.post("/api/bookings", Http.booking(chargerId, start, end), token);
  }

  private static JsonObject details(Http.Response r) {
    return r.json().getJsonObject("error").getJsonObject("details");
  }

  private static List<Http.Response> parallel(List<String> bodies, String token) {
    List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
    bodies.forEach(b -> calls.add(http.sendAsync(http.request("POST", "/api/bookings", b, token).build())));
    return calls.stream().map(CompletableFuture::join).toList();
  }

  private static long confirmedOf(String driverToken) {
    return http.get("/api/bookings?status=CONFIRMED", driverToken).json().getJsonArray("bookings").size();
  }

  private static long idOf(Http.Response r) {
    return r.json().getJsonObject("booking").getLong("id");
  }

  private static JsonArray daily(String open, String close) {
    JsonArray a = new JsonArray();
    for (String d : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      a.add(new JsonObject().put("day", d).put("open", open).put("close", close));
    }
    return a;
  }

  // ---- slots in local time ----

  @Test
  @DisplayName("a 60-minute charger open 09:00-18:00 IST is bookable from 09:00 IST (03:30Z); 04:00Z is off its grid")
  void kolkataSlots() {
    long c = http.createCharger(host, Http.chargerBody("IST hourly", 12.91, 77.61).put("slotMinutes", 60)
      .put("timeZone", "Asia/Kolkata").put("openingHours", daily("09:00", "18:00")));
    ZoneId ist = ZoneId.of("Asia/Kolkata");
    LocalDate day = LocalDate.now(ist).plusDays(2);
    Instant nine = day.atTime(9, 0).atZone(ist).toInstant();
    assertThat(nine.toString()).endsWith("T03:30:00Z");
    String driver = http.signUp("DRIVER");
    assertThat(book(driver, c, nine, nine.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    Instant five = day.atTime(17, 0).atZone(ist).toInstant();
    assertThat(book(driver, c, five, five.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    var offGrid = book(driver, c, nine.plus(Duration.ofMinutes(30)), nine.plus(Duration.ofMinutes(90)));
    assertThat(offGrid.status()).isEqualTo(400);
    assertThat(details(offGrid).getJsonObject("fields").fieldNames()).contains("start", "end");

    Instant midnight = day.atStartOfDay(ist).toInstant();
    JsonArray slots = http.get("/api/chargers/" + c + "/slots?from=" + midnight + "&to=" + midnight.plus(Duration.ofDays(1)), null)
      .json().getJsonArray("slots");
    assertThat(slots).hasSize(24);
    assertThat(slots.getJsonObject(0).getString("start")).isEqualTo(midnight.toString());
    assertThat(slots.getJsonObject(9).getString("status")).isEqualTo("BOOKED");
    assertThat(slots.getJsonObject(8).getString("status")).isEqualTo("CLOSED");
    assertThat(slots.getJsonObject(10).getString("status")).isEqualTo("FREE");
  }

  @Test
  @DisplayName("Kathmandu (+05:45): 09:00 local is 03:15Z, a boundary of a 60-minute charger")
  void kathmanduSlots() {
    long c = http.createCharger(host, Http.chargerBody("NPT hourly", 12.92, 77.61).put("slotMinutes", 60)
      .put("timeZone", "Asia/Kathmandu"));
    ZoneId npt = ZoneId.of("Asia/Kathmandu");
    Instant nine = LocalDate.now(npt).plusDays(2).atTime(9, 0).atZone(npt).toInstant();
    assertThat(nine.toString()).endsWith("T03:15:00Z");
    assertThat(book(http.signUp("DRIVER"), c, nine, nine.plus(Duration.ofHours(1))).status()).isEqualTo(201);
  }

  // ---- price lock ----

  @Test
  @DisplayName("expectedPriceMinor: the same total books; another total is 409 PRICE_CHANGED with the new price, and books nothing")
  void priceLock() {
    String driver = http.signUp("DRIVER");
    Instant start = Http.hoursAhead(200);
    long before = Sql.count(server.db(), "SELECT COUNT(*) FROM bookings");
    var changed = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1)))
      .put("expectedPriceMinor", 14000), driver);
    assertThat(changed.status()).as(changed.body()).isEqualTo(409);
    assertThat(changed.errorCode()).isEqualTo("PRICE_CHANGED");
    assertThat(details(changed).getLong("priceMinor")).isEqualTo(15000);
    assertThat(details(changed).getString("currency")).isEqualTo("INR");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings")).isEqualTo(before);
    var ok = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1)))
      .put("expectedPriceMinor", 15000), driver);
    assertThat(ok.status()).isEqualTo(201);
    assertThat(http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1)))
      .put("expectedPriceMinor", -1), driver).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("with flex, the price checked is that of the window actually booked")
  void priceLockWithFlex() {
    long c = http.createCharger(host, Http.chargerBody("Flex price", 12.93, 77.61));
    Instant start = Http.hoursAhead(210);
    assertThat(book(http.signUp("DRIVER"), c, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    var moved = http.post("/api/bookings", Http.booking(c, start, start.plus(Duration.ofHours(1))).put("flexMinutes", 60)
      .put("expectedPriceMinor", 15000), http.signUp("DRIVER"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(201);
    assertThat(moved.json().getBoolean("rescheduled")).isTrue();
  }

  @Test
  @DisplayName("a price change is pushed live to open charger pages as a charger message of kind PRICE")
  void pricePushed() {
    long c = http.createCharger(host, Http.chargerBody("Live price", 12.94, 77.61));
    Vertx vertx = Vertx.vertx();
    try {
      WebSocketClient ws = LiveClient.client(vertx);
      try (LiveClient live = LiveClient.connect(ws, server.port())) {
        live.subscribeIds(c);
        assertThat(http.patch("/api/chargers/" + c, new JsonObject().put("pricePerHourMinor", 18000), host).status()).isEqualTo(200);
        JsonObject msg = live.nextMatching(m -> "charger".equals(m.getString("type")) && m.getLong("chargerId", -1L) == c
          && "PRICE".equals(m.getString("kind")));
        assertThat(msg.getLong("pricePerHourMinor")).isEqualTo(18000);
        assertThat(msg.getString("currency")).isEqualTo("INR");
      }
    } finally {
      vertx.close();
    }
  }

  // ---- one driver, one car ----

  @Test
  @DisplayName("50 parallel requests by one driver for the same hour on 50 chargers: exactly one confirmed, 49 DRIVER_OVERLAP naming it")
  void oneCar() {
    List<Long> chargers = IntStream.range(0, 50).mapToObj(i -> http.createCharger(host,
      Http.chargerBody("One car " + i, 13.2 + i * 0.001, 77.9))).toList();
    String driver = http.signUp("DRIVER");
    Instant start = Http.hoursAhead(220);
    List<Http.Response> answers = parallel(chargers.stream()
      .map(c -> Http.booking(c, start, start.plus(Duration.ofHours(1))).encode()).toList(), driver);
    List<Http.Response> won = answers.stream().filter(r -> r.status() == 201).toList();
    assertThat(won).hasSize(1);
    long id = idOf(won.get(0));
    assertThat(answers.stream().filter(r -> r.status() != 201)).hasSize(49).allSatisfy(r -> {
      assertThat(r.status()).as(r.body()).isEqualTo(409);
      assertThat(r.errorCode()).isEqualTo("DRIVER_OVERLAP");
      assertThat(details(r).getLong("bookingId")).isEqualTo(id);
    });
    long driverId = won.get(0).json().getJsonObject("booking").getLong("driverId");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE driver_id = ? AND status = 'CONFIRMED'", driverId)).isOne();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM driver_claims WHERE driver_id = ? AND booking_id = ?", driverId, id))
      .isEqualTo(4);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM driver_claims WHERE driver_id = ?", driverId)).isEqualTo(4);
  }

  @Test
  @DisplayName("undo: the driver side says yes, the charger refuses (taken), and the driver's next request for that hour books")
  void undoWhenChargerRefuses() {
    long taken = http.createCharger(host, Http.chargerBody("Taken", 13.3, 77.9));
    long free = http.createCharger(host, Http.chargerBody("Free", 13.301, 77.9));
    Instant start = Http.hoursAhead(230);
    assertThat(book(http.signUp("DRIVER"), taken, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    String driver = http.signUp("DRIVER");
    var refused = book(driver, taken, start, start.plus(Duration.ofHours(1)));
    assertThat(refused.errorCode()).isEqualTo("SLOT_TAKEN");
    var booked = book(driver, free, start, start.plus(Duration.ofHours(1)));
    assertThat(booked.status()).as(booked.body()).isEqualTo(201);

    // the same in a race: requests the charger refuses interleaved with ones it would accept
    long free2 = http.createCharger(host, Http.chargerBody("Free too", 13.302, 77.9));
    String racer = http.signUp("DRIVER");
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      bodies.add(Http.booking(i % 2 == 0 ? taken : free2, start, start.plus(Duration.ofHours(1))).encode());
    }
    List<Http.Response> answers = parallel(bodies, racer);
    assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1)
      .allSatisfy(r -> assertThat(r.json().getJsonObject("booking").getLong("chargerId")).isEqualTo(free2));
    assertThat(answers.stream().filter(r -> r.status() != 201))
      .allSatisfy(r -> assertThat(r.errorCode()).isIn("SLOT_TAKEN", "DRIVER_OVERLAP"));
    assertThat(confirmedOf(racer)).isOne();
    long racerId = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().getJsonObject("booking")
      .getLong("driverId");
    // what MySQL holds: one booking, its four units claimed for the driver, nothing of the refused ones
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE driver_id = ?", racerId)).isOne();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM driver_claims WHERE driver_id = ?", racerId)).isEqualTo(4);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims s JOIN bookings b ON b.id = s.booking_id "
      + "WHERE b.driver_id = ?", racerId)).isEqualTo(4);
  }

  @Test
  @DisplayName("MySQL is the last line of defence: a booking the servers never saw still refuses the driver's overlap, "
    + "and the driver's owner learns it")
  void databaseGuard() {
    String driver = http.signUp("DRIVER");
    long elsewhere = http.createCharger(host, Http.chargerBody("Behind the back", 13.35, 77.9));
    long here = http.createCharger(host, Http.chargerBody("Here", 13.351, 77.9));
    Instant start = Http.hoursAhead(245);
    long driverId = http.get("/api/me", driver).json().getJsonObject("user").getLong("id");
    long hidden = 900_000_000L + driverId;
    java.time.LocalDateTime s0 = java.time.LocalDateTime.ofInstant(start, java.time.ZoneOffset.UTC);
    Sql.update(server.db(), "INSERT INTO bookings (id, charger_id, driver_id, start_at, end_at, status, price_minor, currency, created_at) "
      + "VALUES (?, ?, ?, ?, ?, 'CONFIRMED', 15000, 'INR', UTC_TIMESTAMP(3))", hidden, elsewhere, driverId, s0, s0.plusHours(1));
    for (int q = 0; q < 4; q++) {
      Sql.update(server.db(), "INSERT INTO driver_claims (driver_id, slot_start, booking_id) VALUES (?, ?, ?)", driverId,
        s0.plusMinutes(15L * q), hidden);
    }
    var refused = book(driver, here, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90)));
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("DRIVER_OVERLAP");
    assertThat(details(refused).getLong("bookingId")).isEqualTo(hidden);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE driver_id = ? AND charger_id = ?", driverId, here)).isZero();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE charger_id = ?", here)).isZero();
    // the slot on this charger was not kept: another driver books it at once
    assertThat(book(http.signUp("DRIVER"), here, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("touching windows are not an overlap; the same driver books back to back on two chargers")
  void backToBack() {
    long other = http.createCharger(host, Http.chargerBody("Next", 13.31, 77.9));
    String driver = http.signUp("DRIVER");
    Instant start = Http.hoursAhead(240);
    assertThat(book(driver, charger, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    assertThat(book(driver, other, start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2))).status()).isEqualTo(201);
    var overlapping = book(driver, other, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(60)));
    assertThat(overlapping.errorCode()).isEqualTo("DRIVER_OVERLAP");
  }

  @Test
  @DisplayName("at most 5 upcoming: 10 parallel non-overlapping requests confirm exactly 5, the rest BOOKING_LIMIT; a cancel frees a place")
  void upcomingLimit() {
    String driver = http.signUp("DRIVER");
    Instant start = Http.hoursAhead(250);
    List<String> bodies = IntStream.range(0, 10)
      .mapToObj(i -> Http.booking(charger, start.plus(Duration.ofHours(2L * i)), start.plus(Duration.ofHours(2L * i + 1))).encode())
      .toList();
    List<Http.Response> answers = parallel(bodies, driver);
    List<Http.Response> won = answers.stream().filter(r -> r.status() == 201).toList();
    assertThat(won).hasSize(5);
    assertThat(answers.stream().filter(r -> r.status() != 201)).hasSize(5).allSatisfy(r -> {
      assertThat(r.errorCode()).isEqualTo("BOOKING_LIMIT");
      assertThat(details(r).getInteger("limit")).isEqualTo(5);
    });
    long driverId = won.get(0).json().getJsonObject("booking").getLong("driverId");
    // each confirmed booking holds one of the driver's five seats in MySQL
    assertThat(seatsOf(driverId)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(http.post("/api/bookings/" + idOf(won.get(0)) + "/cancel", null, driver).status()).isEqualTo(200);
    assertThat(seatsOf(driverId)).hasSize(4);
    assertThat(book(driver, charger, start.plus(Duration.ofHours(40)), start.plus(Duration.ofHours(41))).status()).isEqualTo(201);
    assertThat(confirmedOf(driver)).isEqualTo(5);
    assertThat(seatsOf(driverId)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
  }

  @Test
  @DisplayName("MySQL refuses a booking over the limit that the servers never counted (driver_seats), and frees the seat of an "
    + "ended booking for the next")
  void seatGuard() {
    String driver = http.signUp("DRIVER");
    long elsewhere = http.createCharger(host, Http.chargerBody("Seats behind the back", 13.36, 77.9));
    long here = http.createCharger(host, Http.chargerBody("Seat here", 13.361, 77.9));
    long driverId = http.get("/api/me", driver).json().getJsonObject("user").getLong("id");
    // an ended booking still holding seat 0: the next booking takes the seat over
    hiddenBooking(driverId, elsewhere, Http.hoursAhead(-30), 0);
    Instant start = Http.hoursAhead(300);
    var first = book(driver, here, start, start.plus(Duration.ofHours(1)));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM driver_seats WHERE driver_id = ? AND seat = 0 AND booking_id = ?",
      driverId, idOf(first))).isOne();
    // four more upcoming bookings on seats 1..4 that no server decided (another decider's commits)
    for (int seat = 1; seat <= 4; seat++) {
      hiddenBooking(driverId, elsewhere, start.plus(Duration.ofHours(2L * seat)), seat);
    }
    Instant later = start.plus(Duration.ofHours(20));
    for (int attempt = 0; attempt < 2; attempt++) {
      var refused = book(driver, here, later, later.plus(Duration.ofHours(1)));
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.errorCode()).isEqualTo("BOOKING_LIMIT");
    }
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE driver_id = ? AND charger_id = ?", driverId, here)).isOne();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE charger_id = ?", here)).isEqualTo(4);
    assertThat(seatsOf(driverId)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    // the refused hour was not kept: another driver books it at once
    assertThat(book(http.signUp("DRIVER"), here, later, later.plus(Duration.ofHours(1))).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("two servers deciding for one driver at once (two owners, as while a shard moves): 10 parallel requests over both "
    + "confirm exactly 5, MySQL's seats refusing the rest")
  void twoDecidersOneLimit() {
    String email = "two-deciders-" + System.nanoTime() + "@example.com";
    String onA = http.signUp("DRIVER", email);
    try (TestServer other = TestServer.start(server.db(), settings)) {
      Http b = new Http(other.url());
      String onB = b.login(email, "correct-horse-1");
      Instant start = Http.hoursAhead(400);
      List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String body = Http.booking(charger, start.plus(Duration.ofHours(2L * i)), start.plus(Duration.ofHours(2L * i + 1))).encode();
        Http via = i % 2 == 0 ? http : b;
        calls.add(via.sendAsync(via.request("POST", "/api/bookings", body, i % 2 == 0 ? onA : onB).build()));
      }
      List<Http.Response> answers = calls.stream().map(CompletableFuture::join).toList();
      List<Http.Response> won = answers.stream().filter(r -> r.status() == 201).toList();
      assertThat(answers.stream().filter(r -> r.status() != 201)).allSatisfy(r -> {
        assertThat(r.status()).as(r.body()).isIn(409, 503);
        assertThat(r.errorCode()).isIn("BOOKING_LIMIT", "UNAVAILABLE");
      });
      long driverId = http.get("/api/me", onA).json().getJsonObject("user").getLong("id");
      assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE driver_id = ? AND status = 'CONFIRMED'", driverId))
        .isEqualTo(won.size()).isLessThanOrEqualTo(5);
      assertThat(seatsOf(driverId)).hasSize(won.size()).doesNotHaveDuplicates();
      // each server gave out seats 0..4 to its five requests, and each seat went to exactly one of them
      assertThat(won).hasSize(5);
    }
  }

  /** A confirmed one-hour booking written straight to MySQL, holding the driver's {@code seat}. */
  private void hiddenBooking(long driverId, long chargerId, Instant start, int seat) {
    long id = 910_000_000L + driverId * 10 + seat;
    java.time.LocalDateTime s0 = java.time.LocalDateTime.ofInstant(start, java.time.ZoneOffset.UTC);
    Sql.update(server.db(), "INSERT INTO bookings (id, charger_id, driver_id, start_at, end_at, status, price_minor, currency, created_at) "
      + "VALUES (?, ?, ?, ?, ?, 'CONFIRMED', 15000, 'INR', UTC_TIMESTAMP(3))", id, chargerId, driverId, s0, s0.plusHours(1));
    Sql.update(server.db(), "INSERT INTO driver_seats (driver_id, seat, booking_id, ends_at, taken_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
      driverId, seat, id, s0.plusHours(1));
  }

  private List<Integer> seatsOf(long driverId) {
    return Sql.rows(server.db(), "SELECT seat FROM driver_seats WHERE driver_id = ?", driverId).stream()
      .map(r -> ((Number) r.get("seat")).intValue()).toList();
  }

  @Test
  @DisplayName("more than 60 booking requests a minute by one user: 429 RATE_LIMITED with Retry-After")
  void attemptRate() {
    String driver = http.signUp("DRIVER");
    Http.Response last = null;
    for (int i = 0; i < 61; i++) {
      last = http.post("/api/bookings", new JsonObject().put("chargerId", charger), driver);
      if (i < 60) {
        assertThat(last.status()).isEqualTo(400);
      }
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.errorCode()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
  }

  @Test
  @DisplayName("requests the engine decides count as attempts too: 30 unreadable and 30 decided, then the 61st is 429 RATE_LIMITED")
  void attemptRateCountsDecidedRequests() {
    String driver = http.signUp("DRIVER");
    long c = http.createCharger(host);
    Instant start = Http.hoursAhead(310);
    for (int i = 0; i < 30; i++) {
      assertThat(http.post("/api/bookings", new JsonObject(), driver).status()).isEqualTo(400);
    }
    assertThat(book(driver, c, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    for (int i = 1; i < 30; i++) {
      assertThat(book(driver, c, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(409);
    }
    Http.Response limited = book(driver, c, start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.errorCode()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    assertThat(confirmedOf(driver)).as("the refused attempt booked nothing").isEqualTo(1);
  }

  @Test
  @DisplayName("80 parallel booking requests of one driver, half unreadable, half for 40 free hours: exactly 20 are 429, none 5xx")
  void attemptRateUnderConcurrency() {
    String driver = http.signUp("DRIVER");
    long c = http.createCharger(host);
    Instant start = Http.hoursAhead(320);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      bodies.add("{}");
      bodies.add(Http.booking(c, start.plus(Duration.ofHours(2L * i)), start.plus(Duration.ofHours(2L * i + 1))).encode());
    }
    List<Http.Response> answers = parallel(bodies, driver);
    assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 400, 409, 429));
    assertThat(answers.stream().filter(r -> r.status() == 429).count()).isEqualTo(20);
    long booked = answers.stream().filter(r -> r.status() == 201).count();
    assertThat(booked).isBetween(1L, 5L);
    assertThat(confirmedOf(driver)).isEqualTo(booked);
  }

  // ---- alternatives ----

  @Test
  @DisplayName("SLOT_TAKEN alternatives carry name, distance from the asked charger (0 on it) and price")
  void alternatives() {
    long asked = http.createCharger(host, Http.chargerBody("Asked", 13.5, 77.5));
    long near = http.createCharger(host, Http.chargerBody("Around the corner", 13.505, 77.5).put("pricePerHourMinor", 12000));
    Instant start = Http.hoursAhead(260);
    assertThat(book(http.signUp("DRIVER"), asked, start, start.plus(Duration.ofHours(1))).status()).isEqualTo(201);
    var r = book(http.signUp("DRIVER"), asked, start, start.plus(Duration.ofHours(1)));
    JsonArray alternatives = details(r).getJsonArray("alternatives");
    JsonObject same = alternatives.getJsonObject(0);
    assertThat(same.getLong("chargerId")).isEqualTo(asked);
    assertThat(same.getString("name")).isEqualTo("Asked");
    assertThat(same.getDouble("distanceKm")).isZero();
    assertThat(same.getLong("priceMinor")).isEqualTo(15000);
    assertThat(same.getString("currency")).isEqualTo("INR");
    JsonObject other = alternatives.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("chargerId") == near).findFirst().orElseThrow();
    assertThat(other.getString("name")).isEqualTo("Around the corner");
    assertThat(other.getDouble("distanceKm")).isBetween(0.4, 0.7);
    assertThat(other.getLong("priceMinor")).isEqualTo(12000);
    assertThat(other.getString("start")).isEqualTo(start.toString());
  }

  // ---- cancels ----

  @Test
  @DisplayName("six concurrent cancels of one booking: exactly one 200, the rest 409 BOOKING_NOT_CANCELLABLE")
  void concurrentCancels() {
    String driver = http.signUp("DRIVER");
    Instant start = Http.hoursAhead(270);
    long id = idOf(book(driver, charger, start, start.plus(Duration.ofHours(1))));
    List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(http.sendAsync(http.request("POST", "/api/bookings/" + id + "/cancel", null, driver).build()));
    }
    List<Http.Response> answers = calls.stream().map(CompletableFuture::join).toList();
    assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(1);
    assertThat(answers.stream().filter(r -> r.status() != 200)).hasSize(5)
      .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("BOOKING_NOT_CANCELLABLE"));
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM driver_claims WHERE booking_id = ?", id)).isZero();
  }

  @Test
  @DisplayName("a cancel may give a reason (at most 500 characters); the booking says who cancelled and why")
  void cancelReason() {
    String driver = http.signUp("DRIVER");
    Instant start = Http.hoursAhead(280);
    long mine = idOf(book(driver, charger, start, start.plus(Duration.ofHours(1))));
    var tooLong = http.post("/api/bookings/" + mine + "/cancel", new JsonObject().put("reason", "x".repeat(501)), driver);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(details(tooLong).getJsonObject("fields").fieldNames()).contains("reason");
    assertThat(http.get("/api/bookings/" + mine, driver).json().getJsonObject("booking").getString("status")).isEqualTo("CONFIRMED");
    var byDriver = http.post("/api/bookings/" + mine + "/cancel", new JsonObject().put("reason", "Plans changed"), driver);
    assertThat(byDriver.status()).isEqualTo(200);
    JsonObject b = byDriver.json().getJsonObject("booking");
    assertThat(b.getString("cancelledBy")).isEqualTo("DRIVER");
    assertThat(b.getString("cancelReason")).isEqualTo("Plans changed");
    assertThat(http.get("/api/bookings/" + mine, driver).json().getJsonObject("booking").getString("cancelReason"))
      .isEqualTo("Plans changed");

    long theirs = idOf(book(driver, charger, start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3))));
    var byHost = http.post("/api/bookings/" + theirs + "/cancel", null, host);
    assertThat(byHost.status()).isEqualTo(200);
    assertThat(byHost.json().getJsonObject("booking").getString("cancelledBy")).isEqualTo("HOST");
    assertThat(byHost.json().getJsonObject("booking").getValue("cancelReason")).isNull();
    assertThat(Sql.rows(server.db(), "SELECT cancelled_by_role, cancel_reason FROM bookings WHERE id = ?", mine).get(0))
      .containsEntry("cancelled_by_role", "DRIVER").containsEntry("cancel_reason", "Plans changed");
  }

  // ---- now-status ----

  @Test
  @DisplayName("nowStatus: FREE, BUSY, CLOSED and OFFLINE, on the charger and in search; an offline charger's free slots read OFFLINE")
  void nowStatus() {
    long c = http.createCharger(host, Http.chargerBody("Now", 14.0, 78.0));
    assertThat(http.get("/api/chargers/" + c, null).json().getJsonObject("charger").getString("nowStatus")).isEqualTo("FREE");
    JsonObject found = (JsonObject) http.get("/api/chargers?lat=14.0&lng=78.0&radiusKm=1", null).json().getJsonArray("chargers")
      .getValue(0);
    assertThat(found.getString("nowStatus")).isEqualTo("FREE");
    // closed all day, every day but a minute past midnight: never open now
    JsonArray never = new JsonArray();
    ZoneId ist = ZoneId.of("Asia/Kolkata");
    String today = java.time.LocalDate.now(ist).getDayOfWeek().name().substring(0, 3);
    for (String d : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      if (!d.equals(today)) {
        never.add(new JsonObject().put("day", d).put("open", "00:00").put("close", "24:00"));
      }
    }
    long closed = http.createCharger(host, Http.chargerBody("Closed today", 14.01, 78.0).put("openingHours", never));
    assertThat(http.get("/api/chargers/" + closed, null).json().getJsonObject("charger").getString("nowStatus")).isEqualTo("CLOSED");
    assertThat(http.patch("/api/chargers/" + c, new JsonObject().put("status", "OFFLINE"), host).status()).isEqualTo(200);
    assertThat(http.get("/api/chargers/" + c, null).json().getJsonObject("charger").getString("nowStatus")).isEqualTo("OFFLINE");
    Instant from = Http.hoursAhead(2);
    JsonArray slots = http.get("/api/chargers/" + c + "/slots?from=" + from + "&to=" + from.plus(Duration.ofHours(1)), null)
      .json().getJsonArray("slots");
    assertThat(slots.stream().map(o -> ((JsonObject) o).getString("status"))).containsOnly("OFFLINE");
  }

  // ---- access instructions ----

  @Test
  @DisplayName("access instructions reach a driver only from 24 hours before a confirmed booking's start")
  void accessWindow() {
    long c = http.createCharger(host, Http.chargerBody("Gate", 14.2, 78.2).put("accessInstructions", "Code 1357"));
    String early = http.signUp("DRIVER");
    assertThat(book(early, c, Http.hoursAhead(30), Http.hoursAhead(31)).status()).isEqualTo(201);
    assertThat(http.get("/api/chargers/" + c, early).json().getJsonObject("charger").containsKey("accessInstructions")).isFalse();
    String soon = http.signUp("DRIVER");
    assertThat(book(soon, c, Http.hoursAhead(20), Http.hoursAhead(21)).status()).isEqualTo(201);
    assertThat(http.get("/api/chargers/" + c, soon).json().getJsonObject("charger").getString("accessInstructions"))
      .isEqualTo("Code 1357");
  }

  @Test
  @DisplayName("bad input still gets a clear 400 and books nothing")
  void badInput() {
    String driver = http.signUp("DRIVER");
    long before = Sql.count(server.db(), "SELECT COUNT(*) FROM bookings");
    Instant start = Http.hoursAhead(300).truncatedTo(ChronoUnit.HOURS);
    assertThat(http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(3600)).put("expectedPriceMinor", "ten"), driver)
      .status()).isEqualTo(400);
    assertThat(http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(3600)).put("expectedPriceMinor", 1.5), driver)
      .status()).isEqualTo(400);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings")).isEqualTo(before);
  }
}
