package com.chargeshare.live;

import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.LocalCodec;
import com.chargeshare.booking.SlotState;
import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.LiveClient;
import com.chargeshare.support.Prometheus;
import com.chargeshare.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Live fan-out under load: each change encoded once, a slow reader held back and caught up, never dropped silently")
class LiveBackpressureTest {

  static final int HTTP_VERTICLES = 2;
  static final String BEHIND = "chargeshare_live_behind_total";
  static final String COALESCED = "chargeshare_live_coalesced_total";
  static final String CAUGHT_UP = "chargeshare_live_caught_up_total";
  static final String SLOW_DROPS = "chargeshare_live_dropped_total{reason=\"slow\"";
  static final String ENCODED = "chargeshare_live_frames_encoded_total";

  static TestServer server;
  static Http http;
  static Vertx vertx;
  static WebSocketClient ws;

  @BeforeAll
  static void start() {
    // a small write queue, so a reader that stops falls behind after a few hundred changes; a limit on changes behind
    // far above what the tests publish, so falling behind is seen without being closed for it; no idle close
    server = TestServer.start("live-backpressure", new JsonObject()
      .put("http", new JsonObject().put("instances", HTTP_VERTICLES))
      .put("live", new JsonObject().put("maxWriteQueueBytes", 16 * 1024).put("maxChangesBehind", 1_000_000)
        .put("pingSeconds", 1).put("idleTimeoutSeconds", 300).put("maxSocketsPerAddress", 0)));
    http = new Http(server.url());
    vertx = Vertx.vertx();
    ws = LiveClient.client(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    server.close();
  }

  @Test
  @DisplayName("a change heard by 40 sockets is serialised once per HTTP verticle, and every socket gets the same bytes")
  void encodedOncePerChange() {
    String host = http.signUp("HOST");
    String driver = http.signUp("DRIVER");
    long id = http.createCharger(host, Http.chargerBody("Shared frames", 12.9, 77.5));
    List<Future<LiveClient>> opening = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      opening.add(LiveClient.open(ws, LiveClient.options(server.port())));
    }
    LiveClient.await(Future.all(opening));
    List<LiveClient> clients = opening.stream().map(Future::result).toList();
    try {
      clients.forEach(c -> c.subscribeIds(id));
      double encodedBefore = Prometheus.valueOrZero(http, ENCODED);
      Instant t = Http.hoursAhead(6);
      var booked = http.post("/api/bookings", Http.booking(id, t, t.plusSeconds(1800)), driver);
      assertThat(booked.status()).as(booked.body()).isEqualTo(201);

      List<JsonObject> slots = new ArrayList<>();
      for (LiveClient c : clients) {
        JsonObject m = c.next("slots", id);
        assertThat(c.next("charger", id).getLong("seq")).isEqualTo(m.getLong("seq"));
        slots.add(m);
      }
      // a slots and a charger message per verticle that has a follower, never per socket (that would be 80)
      Eventually.within(Duration.ofSeconds(10)).untilAsserted("the frames are counted", () ->
        assertThat(Prometheus.value(http, ENCODED) - encodedBefore).isGreaterThanOrEqualTo(2));
      assertThat(Prometheus.value(http, ENCODED) - encodedBefore).isLessThanOrEqualTo(2.0 * HTTP_VERTICLES);
      assertThat(slots).extracting(m -> m.getJsonArray("changes"))
        .containsOnly(new JsonArray().add(new JsonObject().put("start", t.toString())
          .put("end", t.plusSeconds(1800).toString()).put("status", "BOOKED")));
    } finally {
      clients.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("a reader that stops is held back, then gets the latest change of each charger: a seq gap tells it to re-read, and it stays open")
  void slowReaderCaughtUp() {
    // charger ids no listing has: the changes come straight from the event bus, as the engine publishes them
    long busy = 9_100_000_000L;
    long quiet = 9_100_000_001L;
    WebSocketClient tinyBuffers = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096));
    try (LiveClient stalled = LiveClient.connect(tinyBuffers, LiveClient.options(server.port()));
         LiveClient healthy = LiveClient.connect(ws, server.port())) {
      stalled.subscribeIds(busy, quiet);
      healthy.subscribeIds(busy, quiet);
      stalled.socket().pause();

      double behindBefore = Prometheus.valueOrZero(http, BEHIND);
      double coalescedBefore = Prometheus.valueOrZero(http, COALESCED);
      double caughtUpBefore = Prometheus.valueOrZero(http, CAUGHT_UP);
      double dropsBefore = Prometheus.valueOrZero(http, SLOW_DROPS);
      AtomicLong seq = new AtomicLong();
      Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(20)).until("the stalled socket falls behind", () -> {
        for (int i = 0; i < 200; i++) {
          publish(busy, seq.incrementAndGet());
        }
        return Prometheus.valueOrZero(http, BEHIND) > behindBefore || seq.get() >= 200_000;
      });
      assertThat(Prometheus.value(http, BEHIND)).isEqualTo(behindBefore + 1);
      // held back now: ten more changes of the busy charger, one of the quiet one
      for (int i = 0; i < 10; i++) {
        publish(busy, seq.incrementAndGet());
      }
      publish(quiet, 1);
      long last = seq.get();

      // the healthy reader misses nothing
      for (long expected = 1; expected <= last; expected++) {
        assertThat(healthy.next("slots", busy).getLong("seq")).isEqualTo(expected);
      }
      assertThat(healthy.next("slots", quiet).getLong("seq")).isEqualTo(1);

      stalled.socket().resume();
      List<Long> busySeqs = new ArrayList<>();
      JsonObject m;
      do {
        m = stalled.next();
        if ("slots".equals(m.getString("type")) && m.getLong("chargerId") == busy) {
          busySeqs.add(m.getLong("seq"));
        }
      } while (!("charger".equals(m.getString("type")) && m.getLong("chargerId") == quiet));
      assertThat(m.getLong("seq")).isEqualTo(1);
      assertThat(busySeqs).isSorted().doesNotHaveDuplicates().endsWith(last);
      assertThat(busySeqs.size()).as("some changes were replaced by later ones: the reader sees a gap").isLessThan((int) last);
      assertThat(Prometheus.value(http, COALESCED)).isGreaterThan(coalescedBefore);
      assertThat(Prometheus.value(http, CAUGHT_UP)).isEqualTo(caughtUpBefore + 2);
      assertThat(Prometheus.value(http, SLOW_DROPS)).isEqualTo(dropsBefore);
      // still open and answering
      assertThat(stalled.send(new JsonObject().put("type", "ping")).nextMatching(x -> "pong".equals(x.getString("type"))))
        .isNotNull();
    } finally {
      tinyBuffers.close();
    }
  }

  static void publish(long chargerId, long seq) {
    Instant t = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(1800 * seq);
    server.app().vertx().eventBus().publish(ChangeEvent.ADDRESS, new ChangeEvent(chargerId, seq,
      List.of(new SlotState(t, t.plusSeconds(1800), SlotState.BOOKED)), ChargerStatus.ONLINE, true, 12.96, 77.56,
      System.nanoTime(), ChangeEvent.Kind.BOOKED, 1, 15000, "INR"), LocalCodec.OPTIONS);
  }
}
