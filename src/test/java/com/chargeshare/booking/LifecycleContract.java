package com.chargeshare.booking;

import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.LiveClient;
import com.chargeshare.support.MovableClock;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md's check-in and no-shows with payments off, through HTTP, WebSockets and MySQL, on a server whose clock the
 * test moves forward (the shipped driver rules on, so a no-show also frees its driver); subclasses pick the engine.
 */
abstract class LifecycleContract {

  static final MovableClock clock = new MovableClock();
  static TestServer server;
  static Http http;
  static String host;
  static long charger;

  static void startWith(String engine) {
    server = TestServer.start("life-" + engine, TestServer.FAIR_LIMITS.copy()
      .put("booking", TestServer.FAIR_LIMITS.getJsonObject("booking").copy().put("engine", engine).put("lifecycleTickMillis", 200)),
      clock);
    http = new Http(server.url());
    host = http.signUp("HOST");
    charger = http.createCharger(host);
    lifecycle.clear(); // the list is shared by the engines' subclasses, which may run one after the other in one JVM
    server.app().vertx().eventBus().<LifecycleEvent>localConsumer(LifecycleEvent.ADDRESS,
      m -> lifecycle.add(m.body().kind() + " " + m.body().bookingId()));
  }

  /** Every LifecycleEvent the server published on its local bus, as "KIND bookingId". */
  static final List<String> lifecycle = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterAll
  static void stop() {
    server.close();
  }

  /** An hour-long window starting on the hour at least {@code hours} hours after the server's now. */
  private static Instant ahead(int hours) {
    return clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(hours + 1L));
  }

  private static JsonObject book(String driver, long chargerId, Instant start) {
    Http.Response r = http.post("/api/bookings", Http.booking(chargerId, start, start.plus(Duration.ofHours(1))), driver);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getJsonObject("booking").getString("status")).isEqualTo("CONFIRMED");
    return r.json().getJsonObject("booking");
  }

  private static JsonObject read(String token, long id) {
    return http.get("/api/bookings/" + id, token).json().getJsonObject("booking");
  }

  private static List<String> events(long bookingId) {
    List<String> out = new ArrayList<>();
    Sql.rows(server.db(), "SELECT event FROM booking_events WHERE booking_id = ? ORDER BY id", bookingId)
      .forEach(r -> out.add((String) r.get("event")));
    return out;
  }

  @Test
  @DisplayName("check-in opens 15 minutes before the start: earlier 409 CHECK_IN_NOT_OPEN, then 200 with checkedInAt, once")
  void checkIn() {
    String driver = http.signUp("DRIVER");
    Instant start = ahead(2);
    long id = book(driver, charger, start).getLong("id");

    Http.Response early = http.post("/api/bookings/" + id + "/check-in", null, driver);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.errorCode()).isEqualTo("CHECK_IN_NOT_OPEN");
    assertThat(early.json().getJsonObject("error").getJsonObject("details").getString("opensAt"))
      .isEqualTo(start.minus(Duration.ofMinutes(15)).toString());
    assertThat(http.post("/api/bookings/" + id + "/check-in", null, http.signUp("DRIVER")).status()).isEqualTo(404);
    assertThat(http.post("/api/bookings/" + id + "/check-in", null, host).status()).isEqualTo(403);

    clock.setTo(start.minus(Duration.ofMinutes(10)));
    Http.Response in = http.post("/api/bookings/" + id + "/check-in", null, driver);
    assertThat(in.status()).as(in.body()).isEqualTo(200);
    JsonObject b = in.json().getJsonObject("booking");
    assertThat(b.getString("checkedInAt")).isNotNull();
    assertThat(b.getString("checkInSource")).isEqualTo("DRIVER");
    Http.Response again = http.post("/api/bookings/" + id + "/check-in", null, driver);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getJsonObject("booking").getString("checkedInAt")).isEqualTo(b.getString("checkedInAt"));

    // checked in: past the no-show deadline it stays confirmed
    clock.setTo(start.plus(Duration.ofMinutes(20)));
    sleep(1000); // five ticks of the owner's deadlines

    assertThat(read(driver, id).getString("status")).isEqualTo("CONFIRMED");
    assertThat(events(id)).containsExactly("CONFIRMED", "CHECKED_IN");
    assertThat(lifecycle.stream().filter(e -> e.equals("CHECKED_IN " + id))).hasSize(1);
  }

  @Test
  @DisplayName("not checked in 15 minutes after its start: NO_SHOW, the rest of its window free again and pushed live, its driver free")
  void noShow() {
    String driver = http.signUp("DRIVER");
    Instant start = ahead(3);
    long id = book(driver, charger, start).getLong("id");
    long other = http.createCharger(host, Http.chargerBody("Second", 12.98, 77.60));
    Vertx vertx = Vertx.vertx();
    try (LiveClient live = LiveClient.connect(LiveClient.client(vertx), server.port())) {
      live.subscribeIds(charger);
      clock.setTo(start.plus(Duration.ofMinutes(16)));
      Eventually.within(Duration.ofSeconds(20)).until("the booking is a no-show",
        () -> "NO_SHOW".equals(read(driver, id).getString("status")));
      JsonObject pushed = live.nextMatching(m -> "slots".equals(m.getString("type")) && "NO_SHOW".equals(m.getString("kind")));
      assertThat(pushed.getLong("chargerId")).isEqualTo(charger);
      assertThat(pushed.getJsonArray("changes").getJsonObject(pushed.getJsonArray("changes").size() - 1).getString("status"))
        .isEqualTo("FREE");
    } finally {
      vertx.close();
    }
    Instant half = start.plus(Duration.ofMinutes(30));
    var slots = http.get("/api/chargers/" + charger + "/slots?from=" + half + "&to=" + start.plus(Duration.ofHours(1)), null)
      .json().getJsonArray("slots");
    assertThat(slots.getJsonObject(0).getString("status")).isEqualTo("FREE");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE booking_id = ?", id)).isZero();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM driver_claims WHERE booking_id = ?", id)).isZero();
    assertThat(events(id)).containsExactly("CONFIRMED", "NO_SHOW");
    Eventually.within(Duration.ofSeconds(10)).until("NO_SHOW published", () -> lifecycle.contains("NO_SHOW " + id));

    Http.Response late = http.post("/api/bookings/" + id + "/check-in", null, driver);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.errorCode()).isEqualTo("CHECK_IN_NOT_OPEN");
    // the freed rest is bookable by anyone, and the driver's own time is free on another charger
    Http.Response rest = http.post("/api/bookings", Http.booking(charger, half, half.plus(Duration.ofMinutes(30))), http.signUp("DRIVER"));
    assertThat(rest.status()).as(rest.body()).isEqualTo(201);
    Http.Response elsewhere = http.post("/api/bookings", Http.booking(other, half, half.plus(Duration.ofMinutes(30))), driver);
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);
    assertThat(http.get("/api/bookings?status=NO_SHOW", driver).json().getJsonArray("bookings")).hasSize(1);
  }

  @Test
  @DisplayName("a check-in racing the no-show deadline: exactly one of them wins, and the database agrees")
  void checkInRacesNoShow() {
    List<String> drivers = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    Instant start = ahead(4);
    for (int i = 0; i < 8; i++) {
      String d = http.signUp("DRIVER");
      long c = http.createCharger(host, Http.chargerBody("Race " + i, 12.9 + i / 100.0, 77.6));
      drivers.add(d);
      ids.add(book(d, c, start).getLong("id"));
    }
    clock.setTo(start.plus(Duration.ofMinutes(15)).minusMillis(300));
    List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      calls.add(http.sendAsync(http.request("POST", "/api/bookings/" + ids.get(i) + "/check-in", null, drivers.get(i)).build()));
    }
    List<Http.Response> answers = calls.stream().map(CompletableFuture::join).toList();
    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      String d = drivers.get(i);
      Eventually.within(Duration.ofSeconds(20)).until("settled", () -> {
        JsonObject b = read(d, id);
        return b.getString("checkedInAt") != null || "NO_SHOW".equals(b.getString("status"));
      });
      JsonObject b = read(d, id);
      if (answers.get(i).status() == 200) {
        assertThat(b.getString("status")).isEqualTo("CONFIRMED");
        assertThat(events(id)).containsExactly("CONFIRMED", "CHECKED_IN");
      } else {
        assertThat(answers.get(i).errorCode()).isEqualTo("CHECK_IN_NOT_OPEN");
        assertThat(b.getString("status")).isEqualTo("NO_SHOW");
        assertThat(b.getString("checkedInAt")).isNull();
        assertThat(events(id)).containsExactly("CONFIRMED", "NO_SHOW");
      }
    }
  }

  @Test
  @DisplayName("a charger reporting a session start checks its driver in (source CHARGER)")
  void chargerChecksIn() {
    String driver = http.signUp("DRIVER");
    Instant start = ahead(6);
    long id = book(driver, charger, start).getLong("id");
    CheckIns checkIns = server.app().services().checkIns();
    clock.setTo(start.minus(Duration.ofMinutes(5)));
    Booking b = LiveClient.await(checkIns.byCharger(charger));
    assertThat(b.id()).isEqualTo(id);
    assertThat(b.life().checkInSource()).isEqualTo(CheckInSource.CHARGER);
    assertThat(read(driver, id).getString("checkInSource")).isEqualTo("CHARGER");
    long idle = http.createCharger(host, Http.chargerBody("Idle", 12.99, 77.61));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveClient.await(checkIns.byCharger(idle)))
      .isInstanceOf(com.chargeshare.failure.Conflict.class);
  }

  @Test
  @DisplayName("every state change writes its audit row in its transaction: booked, cancelled")
  void auditRows() {
    String driver = http.signUp("DRIVER");
    long id = book(driver, charger, ahead(8)).getLong("id");
    assertThat(http.post("/api/bookings/" + id + "/cancel", null, driver).status()).isEqualTo(200);
    assertThat(events(id)).containsExactly("CONFIRMED", "CANCELLED_BY_DRIVER");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
