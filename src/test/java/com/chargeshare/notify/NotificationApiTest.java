package com.chargeshare.notify;

import com.chargeshare.booking.LifecycleEvent;
import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.LiveClient;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notifications: stored per user, listed, marked read, pushed live, and every lifecycle step mapped")
class NotificationApiTest {

  static TestServer server;
  static Http http;
  static Vertx client;
  static WebSocketClient ws;

  @BeforeAll
  static void start() {
    // reminders two hours ahead, looked for every second, so a booking made now can be reminded of in the test
    server = TestServer.start("notifications", new JsonObject().put("notify", new JsonObject()
      .put("reminderMinutesBefore", 120).put("reminderPollSeconds", 1)));
    http = new Http(server.url());
    client = Vertx.vertx();
    ws = LiveClient.client(client);
  }

  @AfterAll
  static void stop() {
    client.close().await();
    server.close();
  }

  private record Booked(Session driver, Session host, long chargerId, long bookingId) {
  }

  private static Booked booking(int hoursAhead) {
    Session d = Session.register(http, "DRIVER", "Asha <b>&</b>");
    Session h = Session.register(http, "HOST", "Vikram");
    long c = http.createCharger(h.token(), Http.chargerBody("Plug <script>", 12.97, 77.59));
    Instant start = Http.hoursAhead(hoursAhead);
    var r = http.post("/api/bookings", Http.booking(c, start, start.plus(Duration.ofHours(1))), d.token());
    assertThat(r.status()).isEqualTo(201);
    return new Booked(d, h, c, r.json().getJsonObject("booking").getLong("id"));
  }

  private static List<JsonObject> list(String token) {
    return http.get("/api/notifications", token).json().getJsonArray("notifications").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  @DisplayName("a logged-in user's open socket hears a notification as it is stored; others' sockets do not")
  void pushedLive() {
    Session d = Session.register(http, "DRIVER", "Live");
    Session h = Session.register(http, "HOST", "Live host");
    long c = http.createCharger(h.token());
    try (LiveClient mine = LiveClient.connect(ws, LiveClient.options(server.port()).addHeader("Authorization", "Bearer " + d.token()));
         LiveClient anonymous = LiveClient.connect(ws, LiveClient.options(server.port()))) {
      mine.send(new JsonObject().put("type", "ping")).nextMatching(m -> "pong".equals(m.getString("type")));
      Instant start = Http.hoursAhead(50);
      long id = http.post("/api/bookings", Http.booking(c, start, start.plus(Duration.ofHours(1))), d.token())
        .json().getJsonObject("booking").getLong("id");
      JsonObject pushed = mine.nextMatching(m -> "notification".equals(m.getString("type")));
      assertThat(pushed.getString("kind")).isEqualTo("BOOKING_CONFIRMED");
      assertThat(pushed.getLong("bookingId")).isEqualTo(id);
      assertThat(pushed.getLong("id")).isEqualTo(list(d.token()).get(0).getLong("id"));
      assertThat(pushed.getString("title")).isNotBlank();
      assertThat(anonymous.drain(Duration.ofMillis(500))).noneMatch(m -> "notification".equals(m.getString("type")));
    }
  }

  @Test
  @DisplayName("newest first with unread counted; marked read once (the first time kept); another user's is 404")
  void listAndRead() {
    Booked b = booking(60);
    Eventually.within(Duration.ofSeconds(10)).until("confirmed", () -> list(b.driver().token()).size() == 1);
    JsonObject n = list(b.driver().token()).get(0);
    assertThat(n.fieldNames()).contains("id", "kind", "bookingId", "title", "body", "createdAt", "readAt");
    assertThat(n.getString("createdAt")).endsWith("Z");
    // user text is stored as typed and answered as JSON; pages escape it
    assertThat(list(b.host().token()).get(0).getString("body")).contains("Asha <b>&</b>");
    assertThat(http.get("/api/notifications", b.driver().token()).json().getInteger("unread")).isEqualTo(1);
    assertThat(http.post("/api/notifications/" + n.getLong("id") + "/read", null, b.host().token()).status()).isEqualTo(404);
    var read = http.post("/api/notifications/" + n.getLong("id") + "/read", null, b.driver().token());
    assertThat(read.status()).isEqualTo(200);
    String readAt = read.json().getJsonObject("notification").getString("readAt");
    assertThat(readAt).endsWith("Z");
    assertThat(http.post("/api/notifications/" + n.getLong("id") + "/read", null, b.driver().token())
      .json().getJsonObject("notification").getString("readAt")).isEqualTo(readAt);
    assertThat(http.get("/api/notifications", b.driver().token()).json().getInteger("unread")).isZero();
    assertThat(http.post("/api/notifications/read-all", null, b.host().token()).json().getInteger("marked")).isEqualTo(1);
  }

  @Test
  @DisplayName("bad ids, bad paging and no login are clear 4xx answers")
  void badInput() {
    Session d = Session.register(http, "DRIVER", "Bad input");
    for (String id : new String[]{"0", "-1", "abc", "1.5", "01", "99999999999999999999"}) {
      var r = http.post("/api/notifications/" + id + "/read", null, d.token());
      assertThat(r.status()).as(id).isIn(400, 404);
    }
    assertThat(http.post("/api/notifications/123456/read", null, d.token()).status()).isEqualTo(404);
    assertThat(http.get("/api/notifications?limit=0", d.token()).status()).isEqualTo(400);
    assertThat(http.get("/api/notifications?limit=abc", d.token()).status()).isEqualTo(400);
    assertThat(http.get("/api/notifications?offset=-1", d.token()).status()).isEqualTo(400);
    assertThat(http.get("/api/notifications", null).status()).isEqualTo(401);
    assertThat(http.post("/api/notifications/1/read", null, null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("every lifecycle step with a notification kind reaches its people once; holds, expiries and check-ins tell nobody")
  void everyStepMapped() {
    Booked b = booking(70);
    Eventually.within(Duration.ofSeconds(10)).until("confirmed", () -> list(b.driver().token()).size() == 1);
    var bus = server.app().vertx().eventBus();
    Instant start = Instant.now();
    for (LifecycleEvent.Kind k : LifecycleEvent.Kind.values()) {
      if (k == LifecycleEvent.Kind.CONFIRMED) {
        continue;
      }
      LifecycleEvent e = new LifecycleEvent(k, b.bookingId(), b.chargerId(), b.driver().userId(), b.host().userId(), start,
        start.plusSeconds(3600));
      bus.publish(LifecycleEvent.ADDRESS, e, LifecycleEvent.OPTIONS);
      // the same step twice (a retry, a second node) tells nobody twice
      bus.publish(LifecycleEvent.ADDRESS, e, LifecycleEvent.OPTIONS);
    }
    Eventually.within(Duration.ofSeconds(15)).untilAsserted("each person is told what concerns them", () -> {
      assertThat(list(b.driver().token()).stream().map(n -> n.getString("kind")).toList()).containsExactlyInAnyOrder(
        "BOOKING_CONFIRMED", "BOOKING_CANCELLED_BY_HOST", "PAYMENT_RECEIVED", "REFUND", "NO_SHOW");
      assertThat(list(b.host().token()).stream().map(n -> n.getString("kind")).toList()).containsExactlyInAnyOrder(
        "BOOKING_CONFIRMED", "BOOKING_CANCELLED_BY_DRIVER", "NO_SHOW");
    });
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM notifications WHERE booking_id = ?", b.bookingId())).isEqualTo(8);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM mail_outbox")).isZero();
  }

  @Test
  @DisplayName("a reminder reaches the driver once before the start, however often the job runs; cancelled bookings get none")
  void reminders() {
    Booked soon = booking(1);
    Booked cancelled = booking(1);
    assertThat(http.post("/api/bookings/" + cancelled.bookingId() + "/cancel", null, cancelled.driver().token()).status()).isEqualTo(200);
    // the job may have reminded it in the moment before the cancel committed; once the cancel is answered it never does
    long remindedBeforeCancel = Sql.count(server.db(), "SELECT COUNT(*) FROM notifications WHERE kind = 'REMINDER' "
      + "AND booking_id = ?", cancelled.bookingId());
    Eventually.within(Duration.ofSeconds(15)).until("reminded",
      () -> list(soon.driver().token()).stream().anyMatch(n -> "REMINDER".equals(n.getString("kind"))));
    JsonObject reminder = list(soon.driver().token()).stream().filter(n -> "REMINDER".equals(n.getString("kind"))).findFirst().orElseThrow();
    assertThat(reminder.getString("body")).contains("IST");
    Eventually.within(Duration.ofSeconds(3)).every(Duration.ofMillis(2500)).untilAsserted("a few more runs pass", () -> { });
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM notifications WHERE kind = 'REMINDER' AND booking_id = ?",
      soon.bookingId())).isEqualTo(1);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM notifications WHERE kind = 'REMINDER' AND booking_id = ?",
      cancelled.bookingId())).isEqualTo(remindedBeforeCancel);
    assertThat(list(soon.host().token())).noneMatch(n -> "REMINDER".equals(n.getString("kind")));
  }

  @Test
  @DisplayName("a rush of 30 bookings at once: each driver is told of their own booking, once, and the id pushed is the id stored")
  void rush() throws Exception {
    Session h = Session.register(http, "HOST", "Rush host");
    List<Session> drivers = new java.util.ArrayList<>();
    List<Long> chargers = new java.util.ArrayList<>();
    List<LiveClient> sockets = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        Session d = Session.register(http, "DRIVER", "Rusher " + i);
        drivers.add(d);
        chargers.add(http.createCharger(h.token(), Http.chargerBody("Rush " + i, 21.0 + i * 0.01, 75.0)));
        LiveClient socket = LiveClient.connect(ws, LiveClient.options(server.port()).addHeader("Authorization", "Bearer " + d.token()));
        socket.send(new JsonObject().put("type", "ping")).nextMatching(m -> "pong".equals(m.getString("type")));
        sockets.add(socket);
      }
      Instant start = Http.hoursAhead(80);
      List<java.util.concurrent.CompletableFuture<Http.Response>> sent = new java.util.ArrayList<>();
      for (int i = 0; i < 30; i++) {
        sent.add(http.sendAsync(http.request("POST", "/api/bookings",
          Http.booking(chargers.get(i), start, start.plus(Duration.ofHours(1))).encode(), drivers.get(i).token()).build()));
      }
      List<Long> bookings = sent.stream().map(java.util.concurrent.CompletableFuture::join)
        .map(r -> r.json().getJsonObject("booking").getLong("id")).toList();
      for (int i = 0; i < 30; i++) {
        JsonObject pushed = sockets.get(i).nextMatching(m -> "notification".equals(m.getString("type")));
        List<JsonObject> mine = list(drivers.get(i).token());
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).getLong("bookingId")).isEqualTo(bookings.get(i));
        assertThat(pushed.getLong("id")).isEqualTo(mine.get(0).getLong("id"));
        assertThat(pushed.getLong("bookingId")).isEqualTo(bookings.get(i));
      }
      assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM notifications WHERE user_id = ?", h.userId())).isEqualTo(30);
    } finally {
      sockets.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("a booking's confirmations are stored with it: listed for its driver and its host as soon as it is answered, and told once")
  void storedWithTheBooking() {
    Booked b = booking(90);
    // no waiting: the 201 comes after the commit that stored the booking and its confirmations together
    assertThat(list(b.driver().token())).singleElement().satisfies(n -> {
      assertThat(n.getString("kind")).isEqualTo("BOOKING_CONFIRMED");
      assertThat(n.getLong("bookingId")).isEqualTo(b.bookingId());
    });
    assertThat(list(b.host().token())).singleElement().satisfies(n -> {
      assertThat(n.getString("kind")).isEqualTo("BOOKING_CONFIRMED");
      assertThat(n.getString("body")).contains("Asha <b>&</b>", "Plug <script>");
    });
    // the step heard again (a retry, an event not marked told) adds nothing; the payment after it shows it was handled
    var bus = server.app().vertx().eventBus();
    for (LifecycleEvent.Kind k : new LifecycleEvent.Kind[]{LifecycleEvent.Kind.CONFIRMED, LifecycleEvent.Kind.PAYMENT_RECEIVED}) {
      bus.publish(LifecycleEvent.ADDRESS, new LifecycleEvent(k, b.bookingId(), b.chargerId(), b.driver().userId(),
        b.host().userId(), Instant.now(), Instant.now().plusSeconds(3600)), LifecycleEvent.OPTIONS);
    }
    Eventually.within(Duration.ofSeconds(10)).until("the payment is told",
      () -> list(b.driver().token()).stream().anyMatch(n -> "PAYMENT_RECEIVED".equals(n.getString("kind"))));
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM notifications WHERE booking_id = ? AND kind = 'BOOKING_CONFIRMED'",
      b.bookingId())).isEqualTo(2);
  }

  @Test
  @DisplayName("two nodes running the reminder job on one database remind a driver once, and only one of them pushes it")
  void remindersOnTwoNodes() {
    // the same signing secret: a token works on both nodes
    try (TestServer other = TestServer.start(server.db(), new JsonObject().put("notify", new JsonObject()
      .put("reminderMinutesBefore", 120).put("reminderPollSeconds", 1))
      .put("auth", new JsonObject().put("jwtSecret", server.config().auth().jwtSecret())))) {
      Session d = Session.register(http, "DRIVER", "Twice reminded?");
      Session h = Session.register(http, "HOST", "Two nodes");
      long c = http.createCharger(h.token(), Http.chargerBody("Two nodes", 23.0, 72.0));
      try (LiveClient here = LiveClient.connect(ws, LiveClient.options(server.port()).addHeader("Authorization", "Bearer " + d.token()));
           LiveClient there = LiveClient.connect(ws, LiveClient.options(other.port()).addHeader("Authorization", "Bearer " + d.token()))) {
        here.send(new JsonObject().put("type", "ping")).nextMatching(m -> "pong".equals(m.getString("type")));
        there.send(new JsonObject().put("type", "ping")).nextMatching(m -> "pong".equals(m.getString("type")));
        Instant start = Http.hoursAhead(1);
        long id = http.post("/api/bookings", Http.booking(c, start, start.plus(Duration.ofHours(1))), d.token())
          .json().getJsonObject("booking").getLong("id");
        // the two nodes are not clustered: each socket hears only what its own node pushes
        java.util.function.Predicate<JsonObject> reminder = m -> "notification".equals(m.getString("type"))
          && "REMINDER".equals(m.getString("kind")) && m.getLong("bookingId") == id;
        Eventually.within(Duration.ofSeconds(15)).until("reminded", () -> Sql.count(server.db(),
          "SELECT COUNT(*) FROM notifications WHERE kind = 'REMINDER' AND booking_id = ?", id) == 1);
        long heard = java.util.stream.Stream.concat(here.drain(Duration.ofSeconds(3)).stream(), there.drain(Duration.ofSeconds(1)).stream())
          .filter(reminder).count();
        assertThat(heard).isEqualTo(1);
        assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM notifications WHERE kind = 'REMINDER' AND booking_id = ?", id))
          .isEqualTo(1);
      }
    }
  }
}
