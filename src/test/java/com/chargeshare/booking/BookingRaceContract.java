package com.chargeshare.booking;

import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once, then a look at what MySQL holds. Subclasses pick the engine.
 * Each engine's test class has a server and a database of its own, in fields of its one instance: statics here
 * would be one set shared by both engines' classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BookingRaceContract {

  TestServer server;
  Http http;
  String host;
  List<String> drivers;

  static final int POOL = 32;
  static final int IN_FLIGHT = 2 * POOL;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

  private final String engine;

  BookingRaceContract(String engine) {
    this.engine = engine;
  }

  @BeforeAll
  void start() {
    // with the fair-booking rules on: the driver side takes part in every race
    server = TestServer.start("race-" + engine, new JsonObject().put("db", new JsonObject().put("poolSize", POOL))
      .put("booking", TestServer.FAIR_LIMITS.getJsonObject("booking").copy().put("engine", engine)));
    http = new Http(server.url());
    host = http.signUp("HOST");
    drivers = IntStream.range(0, 40).mapToObj(i -> http.signUp("DRIVER")).toList();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static List<Http.Response> all(List<CompletableFuture<Http.Response>> calls) {
    return calls.stream().map(CompletableFuture::join).toList();
  }

  /**
   * A booking request, sent once fewer than {@link #IN_FLIGHT} are unanswered: twice the server's pool, so every
   * decision still races others for the same slots and connections. All at once, the requests at the back of the
   * pool's queue waited more than its 5 s limit on a loaded machine and were answered 503, a matter of capacity
   * (the benchmarks' business) rather than of correctness.
   */
  private CompletableFuture<Http.Response> book(String body, String token) {
    inFlight.acquireUninterruptibly();
    return http.sendAsync(http.request("POST", "/api/bookings", body, token).build())
      .whenComplete((r, e) -> inFlight.release());
  }

  @Test
  @DisplayName("300 requests for one slot, 64 at a time: exactly one 201, every other one SLOT_TAKEN with alternatives "
    + "(or, for drivers holding bookings from other races, DRIVER_OVERLAP or BOOKING_LIMIT)")
  void oneSlotManyDrivers() {
    long charger = http.createCharger(host);
    Instant start = Http.hoursAhead(5);
    String body = Http.booking(charger, start, start.plus(Duration.ofMinutes(30))).encode();
    List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      calls.add(book(body, drivers.get(i % drivers.size())));
    }
    List<Http.Response> answers = all(calls);
    assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
    long id = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().getJsonObject("booking").getLong("id");
    List<Http.Response> refused = answers.stream().filter(r -> r.status() != 201).toList();
    assertThat(refused).hasSize(299).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(409);
      if ("DRIVER_OVERLAP".equals(r.errorCode())) {
        assertThat(r.json().getJsonObject("error").getJsonObject("details").getLong("bookingId")).isPositive();
      } else if ("BOOKING_LIMIT".equals(r.errorCode())) {
        assertThat(r.json().getJsonObject("error").getJsonObject("details").getInteger("limit")).isEqualTo(5);
      } else {
        assertThat(r.errorCode()).isEqualTo("SLOT_TAKEN");
        assertThat(r.json().getJsonObject("error").getJsonObject("details").getJsonArray("alternatives")).isNotEmpty();
      }
    });
    // a DRIVER_OVERLAP names a confirmed booking of that very driver at that time (this one, or one from another race)
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).status() == 409 && "DRIVER_OVERLAP".equals(answers.get(i).errorCode())) {
        long held = answers.get(i).json().getJsonObject("error").getJsonObject("details").getLong("bookingId");
        JsonObject b = http.get("/api/bookings/" + held, drivers.get(i % drivers.size())).json().getJsonObject("booking");
        assertThat(b.getString("status")).isEqualTo("CONFIRMED");
        assertThat(Instant.parse(b.getString("start"))).isBefore(start.plus(Duration.ofMinutes(30)));
        assertThat(Instant.parse(b.getString("end"))).isAfter(start);
      }
    }
    assertThat(Sql.rows(server.db(), "SELECT id FROM bookings WHERE charger_id = ? AND status = 'CONFIRMED'", charger))
      .extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(id);
  }

  @Test
  @DisplayName("a random overlapping storm over several chargers, 64 requests at a time: no overlap in MySQL, every 201 is there")
  void storm() {
    List<Long> chargers = IntStream.range(0, 6).mapToObj(i -> http.createCharger(host,
      Http.chargerBody("Storm " + i, 12.9 + i * 0.01, 77.6))).toList();
    Random random = new Random(42);
    Instant base = Http.hoursAhead(3);
    List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      long charger = chargers.get(random.nextInt(chargers.size()));
      Instant start = base.plus(Duration.ofMinutes(30L * random.nextInt(24)));
      Instant end = start.plus(Duration.ofMinutes(30L * (1 + random.nextInt(4))));
      JsonObject body = Http.booking(charger, start, end);
      if (random.nextInt(5) == 0) {
        body.put("flexMinutes", 60);
      }
      calls.add(book(body.encode(), drivers.get(i % drivers.size())));
    }
    List<Http.Response> answers = all(calls);
    assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 409));
    List<JsonObject> confirmed = answers.stream().filter(r -> r.status() == 201)
      .map(r -> r.json().getJsonObject("booking")).toList();
    assertThat(confirmed).isNotEmpty();

    String overlaps = "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.charger_id = b.charger_id AND a.id < b.id "
      + "AND a.start_at < b.end_at AND b.start_at < a.end_at WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED'";
    assertThat(Sql.count(server.db(), overlaps)).isZero();
    for (JsonObject b : confirmed) {
      List<Map<String, Object>> rows = Sql.rows(server.db(), "SELECT DATE_FORMAT(start_at, '%Y-%m-%dT%H:%i:%sZ') AS start, status FROM bookings WHERE id = ?", b.getLong("id"));
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get("status")).isEqualTo("CONFIRMED");
      assertThat(rows.get(0).get("start")).isEqualTo(b.getString("start"));
    }
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE status = 'CONFIRMED' AND charger_id IN ("
      + String.join(",", chargers.stream().map(String::valueOf).toList()) + ")")).isEqualTo(confirmed.size());
    // the slot grid the engine serves agrees with what MySQL holds
    for (long charger : chargers) {
      long booked = http.get("/api/chargers/" + charger + "/slots?from=" + base.minus(Duration.ofHours(2)) + "&to=" + base.plus(Duration.ofHours(16)), null)
        .json().getJsonArray("slots").stream().filter(o -> "BOOKED".equals(((JsonObject) o).getString("status"))).count();
      assertThat(booked * 2).isEqualTo(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE charger_id = ? AND booking_id IS NOT NULL", charger));
    }
  }

  @Test
  @DisplayName("concurrent cancels and re-bookings of the same slots never leave two confirmed bookings")
  void cancelAndRebook() {
    long charger = http.createCharger(host);
    Instant start = Http.hoursAhead(8);
    String body = Http.booking(charger, start, start.plus(Duration.ofHours(1))).encode();
    for (int round = 0; round < 5; round++) {
      List<Http.Response> answers = all(IntStream.range(0, 20)
        .mapToObj(i -> book(body, drivers.get(i))).toList());
      List<Http.Response> won = answers.stream().filter(r -> r.status() == 201).toList();
      assertThat(won).hasSize(1);
      JsonObject b = won.get(0).json().getJsonObject("booking");
      String winner = drivers.get(answers.indexOf(won.get(0)));
      assertThat(http.post("/api/bookings/" + b.getLong("id") + "/cancel", null, winner).status()).isEqualTo(200);
    }
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND status = 'CONFIRMED'", charger)).isZero();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND status = 'CANCELLED'", charger)).isEqualTo(5);
  }
}
