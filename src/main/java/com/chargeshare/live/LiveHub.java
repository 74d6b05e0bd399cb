package com.chargeshare.live;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.SlotState;
import com.chargeshare.config.AppConfig;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.failure.Forbidden;
import com.chargeshare.failure.RateLimited;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /ws/availability} for one HTTP verticle: its sockets, the indexes that route each committed change
 * to the sockets that asked for it (charger id → sockets, host → sockets, a grid of boxes), and the heartbeat.
 * The engine publishes a change once; every verticle's hub hears it on its own event loop and writes to its own
 * sockets, so no lock or shared structure sits between the engine and thousands of subscribers.
 */
public final class LiveHub {

  public static final String PATH = "/ws/availability";
  static final short CLOSE_SLOW = 1008;
  static final short CLOSE_IDLE = 1001;

  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

  private final Vertx vertx;
  private final AppConfig.Live limits;
  private final AuthGuard guard;
  private final LiveMetrics metrics;
  private final SocketQuota quota;
  private final Set<LiveSocket> sockets = new HashSet<>();
  private final Map<Long, Set<LiveSocket>> byCharger = new HashMap<>();
  private final Map<Long, Set<LiveSocket>> byHost = new HashMap<>();
  private final BoxIndex boxes = new BoxIndex();
  private final List<LiveSocket> laggards = new ArrayList<>();
  private long deliveries;

  public LiveHub(Vertx vertx, AppConfig.Live limits, AuthGuard guard, LiveMetrics metrics) {
    this.vertx = vertx;
    this.limits = limits;
    this.guard = guard;
    this.metrics = metrics;
    this.quota = new SocketQuota(vertx, limits.maxSocketsPerAddress());
  }

  /**
   * Mounts the endpoint and starts listening for changes. Called from the verticle's start, so the consumer and
   * the heartbeat timer belong to that verticle and end with it.
   */
  public void mount(Router router) {
    router.get(PATH).handler(this::upgrade);
    vertx.eventBus().<ChangeEvent>localConsumer(ChangeEvent.ADDRESS, msg -> dispatch(msg.body()));
    // every second a different share of the sockets is pinged, so 10,000 sockets never get their pings in one
    // burst that would hold up pushes behind it
    vertx.setPeriodic(1000L, id -> heartbeat(heartbeatTick++));
  }

  private long heartbeatTick;

  private void upgrade(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (!"websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE))) {
      ctx.fail(ValidationFailed.request("This endpoint speaks WebSocket only: connect with Upgrade: websocket"));
      return;
    }
    // the session cookie rides along on a browser's handshake: only our own pages may use it (no cross-site hijack)
    if (!guard.originAllowed(req)) {
      ctx.fail(new Forbidden("WebSocket connections from this origin are not allowed"));
      return;
    }
    String address = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
    if (!quota.acquire(address)) {
      ctx.fail(new RateLimited("Too many live connections from this address"));
      return;
    }
    Principal principal = AuthGuard.principal(ctx);
    req.toWebSocket()
      .onSuccess(ws -> accept(ws, principal, address))
      .onFailure(err -> {
        quota.release(address);
        log.debug("WebSocket handshake failed: {}", err.toString());
      });
  }

  private void accept(ServerWebSocket ws, Principal principal, String address) {
    LiveSocket s = new LiveSocket(ws, principal, System.currentTimeMillis());
    ws.closeHandler(v -> {
      quota.release(address);
      discard(s);
    });
    ws.setWriteQueueMaxSize(limits.maxWriteQueueBytes());
    ws.textMessageHandler(text -> onText(s, text));
    ws.binaryMessageHandler(data -> {
      s.lastSeenMillis = System.currentTimeMillis();
      error(s, null, "VALIDATION_FAILED", "Send JSON text messages", null);
    });
    ws.pongHandler(data -> s.lastSeenMillis = System.currentTimeMillis());
    ws.exceptionHandler(err -> {
      // Vert.x drops a text message over maxWebSocketMessageSize and reports it here as an IllegalStateException
      if (err instanceof IllegalStateException && !s.closing) {
        error(s, null, "PAYLOAD_TOO_LARGE", "Messages are limited to " + limits.maxMessageBytes() + " bytes", null);
      } else {
        log.debug("Live socket {}: {}", ws.remoteAddress(), err.toString());
      }
    });
    sockets.add(s);
    metrics.socketOpened();
  }

  private void onText(LiveSocket s, String text) {
    s.lastSeenMillis = System.currentTimeMillis();
    Object decoded;
    try {
      decoded = Json.decodeValue(text);
    } catch (DecodeException e) {
      decoded = null;
    }
    if (!(decoded instanceof JsonObject msg)) {
      error(s, null, "VALIDATION_FAILED", "Messages are JSON objects such as {\"type\":\"subscribe\",\"chargerIds\":[1]}", null);
      return;
    }
    // a client may tag a request with an id; the answer carries it back
    Object id = msg.getValue("id") instanceof String || msg.getValue("id") instanceof Number ? msg.getValue("id") : null;
    Object type = msg.getValue("type");
    if ("subscribe".equals(type) || "unsubscribe".equals(type)) {
      boolean unsubscribe = "unsubscribe".equals(type);
      LiveRequest r = LiveRequest.parse(msg, unsubscribe, limits.maxSubscriptionsPerSocket());
      if (!r.problems().isEmpty()) {
        JsonObject fields = new JsonObject();
        r.problems().forEach(fields::put);
        error(s, id, "VALIDATION_FAILED", "Invalid " + type + " message", new JsonObject().put("fields", fields));
      } else if (unsubscribe) {
        unsubscribe(s, r, id);
      } else {
        subscribe(s, r, id);
      }
    } else if ("ping".equals(type)) {
      write(s, new JsonObject().put("type", "pong"), id);
    } else {
      error(s, id, "VALIDATION_FAILED", "Unknown message type",
        new JsonObject().put("fields", new JsonObject().put("type", "must be subscribe, unsubscribe or ping")));
    }
  }

  private void subscribe(LiveSocket s, LiveRequest r, Object id) {
    if (r.mine() && (s.principal == null || s.principal.role() != Role.HOST)) {
      error(s, id, s.principal == null ? "UNAUTHENTICATED" : "FORBIDDEN",
        "Only a logged-in host can follow their own chargers (mine)", null);
      return;
    }
    int added = (int) r.chargerIds().stream().filter(c -> !s.chargerIds.contains(c)).count()
      + (r.box() != null && !s.boxes.contains(r.box()) ? 1 : 0)
      + (r.mine() && !s.mine ? 1 : 0);
    int limit = limits.maxSubscriptionsPerSocket();
    if (s.subscriptions() + added > limit) {
      error(s, id, "TOO_MANY_SUBSCRIPTIONS", "A socket may hold at most " + limit + " subscriptions; unsubscribe some first",
        new JsonObject().put("limit", limit).put("subscriptions", s.subscriptions()));
      return;
    }
    for (Long chargerId : r.chargerIds()) {
      if (s.chargerIds.add(chargerId)) {
        byCharger.computeIfAbsent(chargerId, k -> new HashSet<>()).add(s);
      }
    }
    if (r.box() != null && s.boxes.add(r.box())) {
      boxes.add(s, r.box());
    }
    if (r.mine() && !s.mine) {
      s.mine = true;
      byHost.computeIfAbsent(s.principal.id(), k -> new HashSet<>()).add(s);
    }
    metrics.subscriptions(added);
    acknowledge(s, "subscribe", r, id);
  }

  private void unsubscribe(LiveSocket s, LiveRequest r, Object id) {
    int before = s.subscriptions();
    if (r.all()) {
      unindex(s);
    } else {
      r.chargerIds().forEach(chargerId -> {
        if (s.chargerIds.remove(chargerId)) {
          removeFrom(byCharger, chargerId, s);
        }
      });
      if (r.box() != null && s.boxes.remove(r.box())) {
        boxes.remove(s, r.box());
      }
      if (r.mine() && s.mine) {
        s.mine = false;
        removeFrom(byHost, s.principal.id(), s);
      }
      metrics.subscriptions(s.subscriptions() - before);
    }
    acknowledge(s, "unsubscribe", r, id);
  }

  /** API.md names one acknowledgement, {@code subscribed}; {@code op} tells which request it answers. */
  private void acknowledge(LiveSocket s, String op, LiveRequest r, Object id) {
    write(s, new JsonObject().put("type", "subscribed").put("op", op).mergeIn(r.echo())
      .put("subscriptions", s.subscriptions()), id);
  }

  private void error(LiveSocket s, Object id, String code, String message, JsonObject details) {
    metrics.clientError();
    JsonObject out = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (details != null) {
      out.put("details", details);
    }
    write(s, out, id);
  }

  private void write(LiveSocket s, JsonObject msg, Object id) {
    if (s.closing) {
      return;
    }
    if (s.ws.writeQueueFull()) {
      dropSlow(s);
      return;
    }
    if (id != null) {
      msg.put("id", id);
    }
    s.ws.writeTextMessage(msg.encode());
  }

  private void dispatch(ChangeEvent e) {
    if (sockets.isEmpty()) {
      return;
    }
    Push push = new Push(e, ++deliveries);
    Set<LiveSocket> followers = byCharger.get(e.chargerId());
    if (followers != null) {
      followers.forEach(s -> deliver(s, push));
    }
    Set<LiveSocket> hosts = byHost.get(e.hostId());
    if (hosts != null) {
      hosts.forEach(s -> deliver(s, push));
    }
    boxes.forEachAt(e.lat(), e.lng(), s -> deliver(s, push));
    // dropped only now: closing a socket changes the indexes being walked above
    if (!laggards.isEmpty()) {
      laggards.forEach(this::dropSlow);
      laggards.clear();
    }
  }

  private void deliver(LiveSocket s, Push push) {
    if (s.lastDelivery == push.delivery || s.closing) {
      return;
    }
    s.lastDelivery = push.delivery;
    if (s.ws.writeQueueFull()) {
      laggards.add(s);
      return;
    }
    s.ws.writeTextMessage(push.slots());
    s.ws.writeTextMessage(push.charger());
    metrics.pushed(push.event.committedAtNanos());
  }

  /**
   * A subscriber that does not read fast enough is closed rather than buffered without bound: it could only ever
   * see stale availability. It reconnects and re-reads what it shows.
   */
  private void dropSlow(LiveSocket s) {
    if (s.closing) {
      return;
    }
    metrics.droppedSlow();
    close(s, CLOSE_SLOW, "Too slow: more than " + limits.maxWriteQueueBytes() + " bytes of updates waiting; reconnect");
  }

  private void heartbeat(long tick) {
    long now = System.currentTimeMillis();
    long idleMillis = limits.idleTimeoutSeconds() * 1000L;
    int period = Math.max(1, limits.pingSeconds());
    List<LiveSocket> idle = new ArrayList<>();
    Buffer empty = Buffer.buffer();
    for (LiveSocket s : sockets) {
      if (Math.floorMod(System.identityHashCode(s), period) != tick % period) {
        continue;
      }
      if (now - s.lastSeenMillis > idleMillis) {
        idle.add(s);
      } else if (!s.ws.writeQueueFull()) {
        s.ws.writePing(empty);
      }
    }
    idle.forEach(s -> {
      metrics.closedIdle();
      close(s, CLOSE_IDLE, "No answer to pings for " + limits.idleTimeoutSeconds() + " s");
    });
  }

  private void close(LiveSocket s, short code, String reason) {
    discard(s);
    s.ws.close(code, reason);
  }

  /** Forgets a socket at once (closing or closed); idempotent, since the close handler follows our own closes. */
  private void discard(LiveSocket s) {
    s.closing = true;
    if (sockets.remove(s)) {
      unindex(s);
      metrics.socketClosed();
    }
  }

  private void unindex(LiveSocket s) {
    metrics.subscriptions(-s.subscriptions());
    s.chargerIds.forEach(chargerId -> removeFrom(byCharger, chargerId, s));
    s.chargerIds.clear();
    s.boxes.forEach(box -> boxes.remove(s, box));
    s.boxes.clear();
    if (s.mine) {
      removeFrom(byHost, s.principal.id(), s);
      s.mine = false;
    }
  }

  private static void removeFrom(Map<Long, Set<LiveSocket>> index, long key, LiveSocket s) {
    Set<LiveSocket> set = index.get(key);
    if (set != null && set.remove(s) && set.isEmpty()) {
      index.remove(key);
    }
  }

  /** One change as this hub sends it: encoded once, on first use, for all of its subscribers. */
  private static final class Push {
    final ChangeEvent event;
    final long delivery;
    private String slots;
    private String charger;

    Push(ChangeEvent event, long delivery) {
      this.event = event;
      this.delivery = delivery;
    }

    /** When the change was committed, as an instant: clients can tell how fresh a push is. */
    private String committedAt() {
      return Instant.now().minusNanos(System.nanoTime() - event.committedAtNanos()).toString();
    }

    String slots() {
      if (slots == null) {
        JsonArray changes = new JsonArray();
        event.changes().forEach((SlotState c) -> changes.add(c.toJson()));
        slots = new JsonObject().put("type", "slots").put("chargerId", event.chargerId()).put("seq", event.seq())
          .put("changes", changes).put("kind", event.kind().name()).put("committedAt", committedAt()).encode();
      }
      return slots;
    }

    String charger() {
      if (charger == null) {
        charger = new JsonObject().put("type", "charger").put("chargerId", event.chargerId()).put("seq", event.seq())
          .put("status", event.chargerStatus()).put("availableNow", event.availableNow())
          .put("lat", event.lat()).put("lng", event.lng()).put("kind", event.kind().name())
          .put("committedAt", committedAt()).encode();
      }
      return charger;
    }
  }
}
