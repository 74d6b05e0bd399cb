package com.chargeshare.live;

import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.LocalCodec;
import com.chargeshare.booking.SlotState;
import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.LiveClient;
import com.chargeshare.support.Prometheus;
import com.chargeshare.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Live availability: committed changes pushed over /ws/availability")
class LiveAvailabilityTest {

  static final int WRITE_QUEUE_BYTES = 16 * 1024;
  static final int MAX_SUBSCRIPTIONS = 20;
  static final Duration QUIET = Duration.ofMillis(700);
  static final String SLOW_DROPS = "chargeshare_live_dropped_total{reason=\"slow\"";

  static TestServer server;
  static Http http;
  static Vertx vertx;
  static WebSocketClient ws;
  static String host;
  static String driver;

  @BeforeAll
  static void start() {
    // a socket that stops reading also stops answering pings: the idle timeout is long here, so the slow-client
    // test sees the write-queue limit at work however long its flood takes on a busy machine (the idle timeout
    // has a test and a server of its own)
    server = TestServer.start("live", new JsonObject().put("live", new JsonObject()
      .put("maxWriteQueueBytes", WRITE_QUEUE_BYTES).put("maxSubscriptionsPerSocket", MAX_SUBSCRIPTIONS)
      .put("pingSeconds", 1).put("idleTimeoutSeconds", 300)
      // hundreds of subscribers here come from one address; the per-address cap has its own test (HttpEdgeSecurityTest)
      .put("maxSocketsPerAddress", 0)));
    http = new Http(server.url());
    vertx = Vertx.vertx();
    ws = LiveClient.client(vertx);
    host = http.signUp("HOST");
    driver = http.signUp("DRIVER");
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    server.close();
  }

  private static long charger(double lat, double lng) {
    return http.createCharger(host, Http.chargerBody("Live test", lat, lng));
  }

  private static long book(long chargerId, Instant start, Instant end) {
    var r = http.post("/api/bookings", Http.booking(chargerId, start, end), driver);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getJsonObject("booking").getLong("id");
  }

  private static JsonObject slot(Instant start, Instant end, String status) {
    return new JsonObject().put("start", start.toString()).put("end", end.toString()).put("status", status);
  }

  @Test
  @DisplayName("a socket subscribed by id is acknowledged and hears a booking as a slots and a charger message")
  void subscribeById() {
    long id = charger(12.90, 77.50);
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      JsonObject ack = c.subscribeIds(id);
      assertThat(ack.getString("type")).isEqualTo("subscribed");
      assertThat(ack.getJsonArray("chargerIds").getLong(0)).isEqualTo(id);

      Instant start = Http.hoursAhead(5);
      book(id, start, start.plusSeconds(3600));

      JsonObject slots = c.next();
      assertThat(slots.getString("type")).isEqualTo("slots");
      assertThat(slots.getLong("chargerId")).isEqualTo(id);
      assertThat(slots.getLong("seq")).isPositive();
      assertThat(slots.getJsonArray("changes")).containsExactly(slot(start, start.plusSeconds(3600), "BOOKED"));
      JsonObject charger = c.next();
      assertThat(charger.getString("type")).isEqualTo("charger");
      assertThat(charger.getLong("chargerId")).isEqualTo(id);
      assertThat(charger.getString("status")).isEqualTo("ONLINE");
      assertThat(charger.getBoolean("availableNow")).isTrue();
      assertThat(charger.getLong("seq")).isEqualTo(slots.getLong("seq"));
      assertThat(c.drain(QUIET)).isEmpty();
    }
  }

  @Test
  @DisplayName("bookings, a cancel, a block and taking the charger offline arrive in commit order, seq rising by one")
  void everyKindInOrder() {
    long id = charger(12.91, 77.51);
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      c.subscribeIds(id);
      Instant t = Http.hoursAhead(8);
      long first = book(id, t, t.plusSeconds(1800));
      book(id, t.plusSeconds(1800), t.plusSeconds(3600));
      assertThat(http.post("/api/bookings/" + first + "/cancel", null, driver).status()).isEqualTo(200);
      var block = http.post("/api/chargers/" + id + "/blocks", new JsonObject().put("start", t.plusSeconds(7200).toString())
        .put("end", t.plusSeconds(9000).toString()).put("reason", "maintenance"), host);
      assertThat(block.status()).as(block.body()).isEqualTo(201);
      assertThat(http.patch("/api/chargers/" + id, new JsonObject().put("status", "OFFLINE"), host).status()).isEqualTo(200);

      List<JsonObject> slots = new ArrayList<>();
      List<JsonObject> chargers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        JsonObject m = c.next();
        (m.getString("type").equals("slots") ? slots : chargers).add(m);
      }
      assertThat(c.drain(QUIET)).isEmpty();
      assertThat(slots).extracting(m -> m.getJsonArray("changes")).containsExactly(
        new JsonArray().add(slot(t, t.plusSeconds(1800), "BOOKED")),
        new JsonArray().add(slot(t.plusSeconds(1800), t.plusSeconds(3600), "BOOKED")),
        new JsonArray().add(slot(t, t.plusSeconds(1800), "FREE")),
        new JsonArray().add(slot(t.plusSeconds(7200), t.plusSeconds(9000), "BLOCKED")),
        new JsonArray());
      long s0 = slots.get(0).getLong("seq");
      assertThat(slots).extracting(m -> m.getLong("seq")).containsExactly(s0, s0 + 1, s0 + 2, s0 + 3, s0 + 4);
      assertThat(chargers).extracting(m -> m.getLong("seq")).containsExactly(s0, s0 + 1, s0 + 2, s0 + 3, s0 + 4);
      assertThat(chargers.get(4).getString("status")).isEqualTo("OFFLINE");
      assertThat(chargers.get(3).getString("status")).isEqualTo("ONLINE");
    }
  }

  @Test
  @DisplayName("a socket hears only the chargers it subscribed to, and nothing after it unsubscribes")
  void onlyWhatWasAskedFor() {
    long mine = charger(12.92, 77.52);
    long other = charger(12.92, 77.52);
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      c.subscribeIds(mine);
      Instant t = Http.hoursAhead(10);
      book(other, t, t.plusSeconds(1800));
      book(mine, t, t.plusSeconds(1800));
      assertThat(c.take(2, QUIET)).extracting(m -> m.getLong("chargerId")).containsOnly(mine).hasSize(2);

      JsonObject ack = c.send(new JsonObject().put("type", "unsubscribe").put("chargerIds", new JsonArray().add(mine))).next();
      assertThat(ack.getString("type")).isEqualTo("subscribed");
      assertThat(ack.getString("op")).isEqualTo("unsubscribe");
      assertThat(ack.getInteger("subscriptions")).isZero();
      book(mine, t.plusSeconds(1800), t.plusSeconds(3600));
      assertThat(c.drain(QUIET)).isEmpty();
    }
  }

  @Test
  @DisplayName("a map viewport subscription hears chargers inside the box, not those outside it")
  void byBoundingBox() {
    long inside = charger(13.05, 77.65);
    long outside = charger(13.40, 77.65);
    JsonArray box = new JsonArray().add(77.60).add(13.00).add(77.70).add(13.10);
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      JsonObject ack = c.subscribe(new JsonObject().put("bbox", box));
      assertThat(ack.getString("type")).isEqualTo("subscribed");
      assertThat(ack.getJsonArray("bbox")).isEqualTo(box);
      Instant t = Http.hoursAhead(12);
      book(outside, t, t.plusSeconds(1800));
      book(inside, t, t.plusSeconds(1800));
      List<JsonObject> got = c.take(2, QUIET);
      assertThat(got).extracting(m -> m.getString("type")).containsExactly("slots", "charger");
      assertThat(got).extracting(m -> m.getLong("chargerId")).containsOnly(inside);
      assertThat(got.get(1).getDouble("lat")).isEqualTo(13.05);

      c.send(new JsonObject().put("type", "unsubscribe").put("bbox", box)).next();
      book(inside, t.plusSeconds(1800), t.plusSeconds(3600));
      assertThat(c.drain(QUIET)).isEmpty();
    }
  }

  @Test
  @DisplayName("a socket that matches a change by id and by box hears it once")
  void onceEvenWhenMatchedTwice() {
    long id = charger(14.00, 78.00);
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      c.subscribeIds(id);
      c.subscribe(new JsonObject().put("bbox", new JsonArray().add(77.9).add(13.9).add(78.1).add(14.1)));
      c.subscribe(new JsonObject().put("bbox", new JsonArray().add(70).add(10).add(80).add(20)));
      Instant t = Http.hoursAhead(14);
      book(id, t, t.plusSeconds(1800));
      assertThat(c.take(2, QUIET)).extracting(m -> m.getString("type")).containsExactly("slots", "charger");
    }
  }

  @Test
  @DisplayName("a host following 'mine' hears changes on all of their chargers; anonymous sockets may not ask for it")
  void hostChannel() {
    String otherHost = http.signUp("HOST");
    long own = http.createCharger(otherHost, Http.chargerBody("Own", 15.0, 75.0));
    long foreign = charger(15.0, 75.0);
    String token = otherHost;
    WebSocketConnectOptions withToken = LiveClient.options(server.port()).putHeader("Authorization", "Bearer " + token);
    try (LiveClient c = LiveClient.connect(ws, withToken);
         LiveClient anonymous = LiveClient.connect(ws, server.port())) {
      assertThat(c.subscribe(new JsonObject().put("mine", true)).getBoolean("mine")).isTrue();
      JsonObject refused = anonymous.subscribe(new JsonObject().put("mine", true));
      assertThat(refused.getString("type")).isEqualTo("error");
      assertThat(refused.getString("code")).isEqualTo("UNAUTHENTICATED");

      Instant t = Http.hoursAhead(16);
      book(foreign, t, t.plusSeconds(1800));
      book(own, t, t.plusSeconds(1800));
      // a logged-in socket also hears its user's notifications (here: the host's new booking)
      assertThat(c.take(2, QUIET).stream().filter(m -> !"notification".equals(m.getString("type"))))
        .extracting(m -> m.getLong("chargerId")).containsOnly(own).hasSize(2);
    }
  }

  @Test
  @DisplayName("three hundred subscribers of one charger all receive its change")
  void manySubscribers() {
    long id = charger(12.95, 77.55);
    List<Future<LiveClient>> opening = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      opening.add(LiveClient.open(ws, LiveClient.options(server.port())));
    }
    List<LiveClient> clients = new ArrayList<>();
    LiveClient.await(Future.all(opening));
    opening.forEach(f -> clients.add(f.result()));
    try {
      clients.forEach(c -> c.send(new JsonObject().put("type", "subscribe").put("chargerIds", new JsonArray().add(id))));
      clients.forEach(c -> assertThat(c.next().getString("type")).isEqualTo("subscribed"));
      Instant t = Http.hoursAhead(18);
      book(id, t, t.plusSeconds(1800));
      for (LiveClient c : clients) {
        JsonObject m = c.next();
        assertThat(m.getString("type")).isEqualTo("slots");
        assertThat(m.getJsonArray("changes")).containsExactly(slot(t, t.plusSeconds(1800), "BOOKED"));
      }
    } finally {
      clients.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("a subscriber that never reads is dropped with a clear close reason while the others keep receiving")
  void slowClientDropped() {
    long real = charger(12.96, 77.56);
    // a charger id no listing has: the flood below comes straight from the event bus, as the engine publishes,
    // because filling socket buffers through thousands of real bookings would only make the test slow
    long flooded = 9_000_000_000L;
    WebSocketClient tinyBuffers = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096));
    try (LiveClient stalled = LiveClient.connect(tinyBuffers, LiveClient.options(server.port()));
         LiveClient healthy = LiveClient.connect(ws, server.port())) {
      stalled.subscribeIds(flooded, real);
      healthy.subscribeIds(flooded, real);
      stalled.socket().pause();

      double droppedBefore = metric(SLOW_DROPS);
      AtomicInteger published = new AtomicInteger();
      // batches until the server gives up on the stalled socket (or so many that it clearly never will)
      Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(20)).until("the stalled socket is dropped", () -> {
        for (int i = 0; i < 500; i++) {
          publish(flooded, published.incrementAndGet());
        }
        return metric(SLOW_DROPS) != droppedBefore || published.get() >= 200_000;
      });
      int sent = published.get();
      assertThat(metric(SLOW_DROPS)).isEqualTo(droppedBefore + 1);

      long expected = 1;
      JsonObject m;
      while (expected <= sent) {
        m = healthy.next();
        assertThat(m.getLong("seq")).isEqualTo(expected);
        if (m.getString("type").equals("charger")) {
          expected++;
        }
      }
      Instant t = Http.hoursAhead(20);
      book(real, t, t.plusSeconds(1800));
      assertThat(healthy.next("slots", real).getJsonArray("changes")).containsExactly(slot(t, t.plusSeconds(1800), "BOOKED"));

      stalled.socket().resume();
      assertThat(stalled.awaitClose(Duration.ofSeconds(20))).isTrue();
      assertThat(stalled.closeStatus()).isEqualTo((short) 1008);
      assertThat(stalled.closeReason()).contains("Too slow");
    } finally {
      tinyBuffers.close();
    }
  }

  private static void publish(long chargerId, long seq) {
    Instant t = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(1800 * seq);
    server.app().vertx().eventBus().publish(ChangeEvent.ADDRESS, new ChangeEvent(chargerId, seq,
      List.of(new SlotState(t, t.plusSeconds(1800), SlotState.BOOKED)), ChargerStatus.ONLINE, true, 12.96, 77.56,
      System.nanoTime(), ChangeEvent.Kind.BOOKED, 1, 15000, "INR"), LocalCodec.OPTIONS);
  }

  @Test
  @DisplayName("malformed and invalid messages get an error message and the socket keeps working")
  void malformedMessages() {
    long id = charger(12.97, 77.57);
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      LiveClient.await(c.socket().writeTextMessage("this is not json"));
      JsonObject notJson = c.next();
      assertThat(notJson.getString("type")).isEqualTo("error");
      assertThat(notJson.getString("code")).isEqualTo("VALIDATION_FAILED");
      LiveClient.await(c.socket().writeTextMessage("[1, 2]"));
      assertThat(c.next().getString("type")).isEqualTo("error");
      c.send(new JsonObject().put("type", "dance"));
      assertThat(c.next().getJsonObject("details").getJsonObject("fields").containsKey("type")).isTrue();
      JsonObject badIds = c.subscribe(new JsonObject().put("chargerIds", new JsonArray().add("one").add(-2)));
      assertThat(badIds.getJsonObject("details").getJsonObject("fields").getString("chargerIds")).contains("positive");
      JsonObject badBox = c.subscribe(new JsonObject().put("bbox", new JsonArray().add(77).add(95).add(78).add(13)));
      assertThat(badBox.getJsonObject("details").getJsonObject("fields").containsKey("bbox")).isTrue();
      assertThat(c.subscribe(new JsonObject()).getString("code")).isEqualTo("VALIDATION_FAILED");
      LiveClient.await(c.socket().writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(new byte[] {1, 2, 3})));
      assertThat(c.next().getString("type")).isEqualTo("error");

      JsonObject pong = c.send(new JsonObject().put("type", "ping").put("id", "p1")).next();
      assertThat(pong.getString("type")).isEqualTo("pong");
      assertThat(pong.getString("id")).isEqualTo("p1");
      assertThat(c.subscribeIds(id).getString("type")).isEqualTo("subscribed");
      Instant t = Http.hoursAhead(22);
      book(id, t, t.plusSeconds(1800));
      assertThat(c.next().getString("type")).isEqualTo("slots");
    }
  }

  @Test
  @DisplayName("a socket may hold only so many subscriptions; going over is refused as a whole")
  void subscriptionLimit() {
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      long[] ids = new long[MAX_SUBSCRIPTIONS - 1];
      for (int i = 0; i < ids.length; i++) ids[i] = 1000 + i;
      assertThat(c.subscribeIds(ids).getInteger("subscriptions")).isEqualTo(MAX_SUBSCRIPTIONS - 1);
      JsonObject refused = c.subscribeIds(5000, 5001);
      assertThat(refused.getString("type")).isEqualTo("error");
      assertThat(refused.getString("code")).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
      assertThat(refused.getJsonObject("details").getInteger("limit")).isEqualTo(MAX_SUBSCRIPTIONS);
      assertThat(c.subscribeIds(1000, 5000).getInteger("subscriptions")).isEqualTo(MAX_SUBSCRIPTIONS);
    }
  }

  @Test
  @DisplayName("a message over the size limit is answered with PAYLOAD_TOO_LARGE and the socket keeps working")
  void messageTooBig() {
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      String huge = "{\"type\":\"subscribe\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
      LiveClient.await(c.socket().writeTextMessage(huge));
      JsonObject refused = c.next();
      assertThat(refused.getString("type")).isEqualTo("error");
      assertThat(refused.getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(c.send(new JsonObject().put("type", "ping")).next().getString("type")).isEqualTo("pong");
    }
  }

  @Test
  @DisplayName("handshakes from another site's pages are refused; our own origin and non-browser clients are let in")
  void originChecked() {
    assertThatThrownBy(() -> LiveClient.connect(ws, LiveClient.options(server.port()).putHeader("Origin", "https://evil.example")))
      .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
    LiveClient.connect(ws, LiveClient.options(server.port()).putHeader("Origin", server.url())).close();
    LiveClient.connect(ws, LiveClient.options(server.port()).setAllowOriginHeader(false)).close();
  }

  @Test
  @DisplayName("a plain GET without the WebSocket upgrade is a 400, not an error page or a 500")
  void plainGet() {
    var r = http.get("/ws/availability", null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  @DisplayName("the server pings, and closes a socket that answers nothing for the idle timeout")
  void idleTimeout() throws Exception {
    try (TestServer quick = TestServer.start("live-idle", new JsonObject().put("live", new JsonObject()
      .put("pingSeconds", 1).put("idleTimeoutSeconds", 3)))) {
      idleSocketClosed(quick.port());
    }
  }

  private static void idleSocketClosed(int port) throws Exception {
    // a bare TCP client: it completes the handshake, then never answers a ping
    try (Socket raw = new Socket("127.0.0.1", port)) {
      raw.setSoTimeout(15_000);
      OutputStream out = raw.getOutputStream();
      out.write(("GET /ws/availability HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
      DataInputStream in = new DataInputStream(raw.getInputStream());
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.readUnsignedByte());
      }
      assertThat(head.toString()).startsWith("HTTP/1.1 101");
      long opened = System.nanoTime();
      int pings = 0;
      while (true) {
        int opcode = in.readUnsignedByte() & 0x0f;
        byte[] payload = new byte[in.readUnsignedByte() & 0x7f];
        in.readFully(payload);
        if (opcode == 0x9) {
          pings++;
        } else if (opcode == 0x8) {
          assertThat(((payload[0] & 0xff) << 8) | (payload[1] & 0xff)).isEqualTo(1001);
          break;
        }
      }
      assertThat(pings).isGreaterThanOrEqualTo(1);
      assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
    }
  }

  @Test
  @DisplayName("/metrics reports sockets, subscriptions, pushes, drops and push latency")
  void metrics() {
    long id = charger(12.98, 77.58);
    String pushedSlots = "chargeshare_live_messages_pushed_total{type=\"slots\"";
    String latencies = "chargeshare_live_push_latency_seconds_count";
    double pushedBefore = Prometheus.valueOrZero(http, pushedSlots);
    double latenciesBefore = Prometheus.valueOrZero(http, latencies);
    try (LiveClient c = LiveClient.connect(ws, server.port())) {
      c.subscribeIds(id);
      Instant t = Http.hoursAhead(24);
      book(id, t, t.plusSeconds(1800));
      c.next();
      String text = http.get("/metrics", null).body();
      assertThat(metric("chargeshare_live_sockets")).isGreaterThanOrEqualTo(1);
      assertThat(metric("chargeshare_live_subscriptions")).isGreaterThanOrEqualTo(1);
      assertThat(metric(pushedSlots)).isGreaterThanOrEqualTo(1);
      assertThat(text).contains("chargeshare_live_dropped_total{reason=\"slow\"")
        .contains("chargeshare_live_push_latency_seconds_bucket")
        .contains("chargeshare_live_push_latency_seconds_count");
      // this booking's push is counted and timed, not only reported as a series
      Eventually.within(Duration.ofSeconds(10)).untilAsserted("the push is counted and timed", () -> {
        assertThat(metric(pushedSlots)).isGreaterThanOrEqualTo(pushedBefore + 1);
        assertThat(metric(latencies)).isGreaterThanOrEqualTo(latenciesBefore + 1);
      });
    }
  }

  private static double metric(String series) {
    return Prometheus.value(http, series);
  }
}
