package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * WebSocket clients on {@code /ws/availability}, each subscribed to a box around every charger of the run,
 * feeding BOOKED changes to the {@link PushTracker}. They also count gaps in {@code seq}, which
 * would mean the server dropped a push.
 */
final class AvailabilityListeners {

  private static final long SUBSCRIBE_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final List<URI> bases;
  private final PushTracker tracker;
  private final WebSocketClient client;
  private final List<WebSocket> sockets = new ArrayList<>();
  private final Map<Long, Long> lastSeq = new ConcurrentHashMap<>();
  private final LongAdder messages = new LongAdder();
  private final LongAdder seqGaps = new LongAdder();
  private final LongAdder unreadable = new LongAdder();

  /** Listener i connects to node i mod n, so pushes are measured across nodes too. */
  AvailabilityListeners(Vertx vertx, List<URI> bases, PushTracker tracker, int count) {
    this.vertx = vertx;
    this.bases = List.copyOf(bases);
    this.tracker = tracker;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(count)
        .setTrustAll(true)
        .setVerifyHost(false));
  }

  /** Connects {@code count} listeners and waits until each has its subscription acknowledged. */
  Future<Void> start(int count, List<ChargerRef> chargers) {
    // one box around the run's chargers: a single subscription however many chargers there are
    double minLat = chargers.stream().mapToDouble(ChargerRef::lat).min().orElse(0) - 0.001;
    double maxLat = chargers.stream().mapToDouble(ChargerRef::lat).max().orElse(0) + 0.001;
    double minLng = chargers.stream().mapToDouble(ChargerRef::lng).min().orElse(0) - 0.001;
    double maxLng = chargers.stream().mapToDouble(ChargerRef::lng).max().orElse(0) + 0.001;
    String subscribe = new JsonObject().put("type", "subscribe")
      .put("bbox", new JsonArray().add(minLng).add(minLat).add(maxLng).add(maxLat)).encode();
    List<Future<Void>> ready = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ready.add(connect(i, subscribe));
    }
    return Future.all(ready).mapEmpty();
  }

  private Future<Void> connect(int index, String subscribe) {
    URI base = bases.get(index % bases.size());
    boolean ssl = "https".equalsIgnoreCase(base.getScheme());
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(base.getHost())
        .setPort(base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80)
        .setSsl(ssl)
        .setURI("/ws/availability");
    return client.connect(options).compose(ws -> {
      synchronized (sockets) {
        sockets.add(ws);
      }
      Promise<Void> subscribed = Promise.promise();
      ws.textMessageHandler(text -> onMessage(index, text, subscribed));
      long timer = vertx.setTimer(SUBSCRIBE_TIMEOUT_MS, t -> subscribed.tryFail(
          "listener " + index + " got no 'subscribed' answer within " + SUBSCRIBE_TIMEOUT_MS + " ms"));
      return ws.writeTextMessage(subscribe)
          .compose(v -> subscribed.future())
          .onComplete(ar -> vertx.cancelTimer(timer));
    });
  }

  private void onMessage(int index, String text, Promise<Void> subscribed) {
    long received = System.nanoTime();
    messages.increment();
    try {
      handle(index, new JsonObject(text), received, subscribed);
    } catch (RuntimeException e) {
      unreadable.increment();
    }
  }

  private void handle(int index, JsonObject message, long received, Promise<Void> subscribed) {
    String type = message.getString("type", "");
    if ("subscribed".equals(type)) {
      subscribed.tryComplete();
    } else if ("slots".equals(type)) {
      long chargerId = message.getLong("chargerId", 0L);
      // every listener sees the same per-charger stream, so the first one alone checks seq
      if (index == 0 && message.containsKey("seq")) {
        long seq = message.getLong("seq");
        Long previous = lastSeq.put(chargerId, seq);
        if (previous != null && seq != previous + 1) {
          seqGaps.increment();
        }
      }
      JsonArray changes = message.getJsonArray("changes", new JsonArray());
      for (int i = 0; i < changes.size(); i++) {
        JsonObject change = changes.getJsonObject(i);
        if ("BOOKED".equals(change.getString("status"))) {
          long start = Instant.parse(change.getString("start")).getEpochSecond();
          tracker.pushed(index, chargerId, start, received);
        }
      }
    }
  }

  long messages() {
    return messages.sum();
  }

  long seqGaps() {
    return seqGaps.sum();
  }

  long unreadable() {
    return unreadable.sum();
  }

  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (sockets) {
      sockets.forEach(ws -> closing.add(ws.close()));
    }
    return Future.join(closing).<Void>mapEmpty().eventually(client::close);
  }
}
