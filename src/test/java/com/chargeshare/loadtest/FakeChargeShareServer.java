package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trivial in-memory stand-in for the server's public API, enough to drive the tool end to end:
 * first come first served per slot, 409 when taken, WebSocket pushes of booked slots. It can be
 * told to "lose" bookings (answer 201 and forget them), to prove the verifier notices.
 */
final class FakeChargeShareServer {

  private final Vertx vertx;
  private final boolean loseEveryTenth;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, JsonObject> bookings = new ConcurrentHashMap<>();
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  private final Map<Long, AtomicLong> seqs = new ConcurrentHashMap<>();
  private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
  private HttpServer server;

  FakeChargeShareServer(Vertx vertx, boolean loseEveryTenth) {
    this.vertx = vertx;
    this.loseEveryTenth = loseEveryTenth;
  }

  Future<Integer> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")
        .put("checks", new JsonArray().add(new JsonObject().put("name", "booking").put("engine", "fake-engine")))));
    router.post("/api/auth/register").handler(ctx -> json(ctx, 201, new JsonObject()
        .put("user", new JsonObject().put("id", ids.incrementAndGet()))));
    router.post("/api/auth/login").handler(ctx -> {
      long id = ids.incrementAndGet();
      json(ctx, 200, new JsonObject().put("token", "token-" + id).put("user", new JsonObject().put("id", id)));
    });
    router.post("/api/chargers").handler(ctx -> json(ctx, 201, new JsonObject()
        .put("charger", ctx.body().asJsonObject().copy().put("id", ids.incrementAndGet()).put("status", "ONLINE"))));
    router.get("/api/chargers").handler(ctx -> json(ctx, 200, new JsonObject().put("chargers", new JsonArray())));
    router.get("/api/chargers/:id/slots").handler(ctx -> json(ctx, 200, new JsonObject()
        .put("chargerId", Long.parseLong(ctx.pathParam("id"))).put("slotMinutes", 30).put("slots", new JsonArray())));
    router.post("/api/bookings").handler(this::book);
    router.post("/api/bookings/:id/cancel").handler(this::cancel);
    router.get("/api/bookings").handler(this::list);
    server = vertx.createHttpServer()
        .webSocketHandler(this::socket)
        .requestHandler(router);
    return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  Future<Void> stop() {
    return server.close();
  }

  private void book(RoutingContext ctx) {
    JsonObject req = ctx.body().asJsonObject();
    long chargerId = req.getLong("chargerId");
    String start = req.getString("start");
    if (!taken.add(chargerId + "@" + start)) {
      json(ctx, 409, new JsonObject().put("error", new JsonObject().put("code", "SLOT_TAKEN")
          .put("message", "taken").put("details", new JsonObject().put("alternatives", new JsonArray()))));
      return;
    }
    long id = ids.incrementAndGet();
    JsonObject booking = new JsonObject().put("id", id).put("chargerId", chargerId).put("driverId", 1)
        .put("start", start).put("end", req.getString("end")).put("status", "CONFIRMED")
        .put("priceMinor", 7500).put("currency", "INR").put("createdAt", Instant.now().toString());
    if (!(loseEveryTenth && id % 10 == 0)) {
      bookings.put(id, booking);
    }
    json(ctx, 201, new JsonObject().put("booking", booking).put("rescheduled", false));
    push(chargerId, start, req.getString("end"), "BOOKED");
  }

  private void cancel(RoutingContext ctx) {
    JsonObject booking = bookings.get(Long.parseLong(ctx.pathParam("id")));
    if (booking == null) {
      json(ctx, 404, new JsonObject().put("error", new JsonObject().put("code", "NOT_FOUND").put("message", "no")));
      return;
    }
    booking.put("status", "CANCELLED");
    taken.remove(booking.getLong("chargerId") + "@" + booking.getString("start"));
    json(ctx, 200, new JsonObject().put("booking", booking));
    push(booking.getLong("chargerId"), booking.getString("start"), booking.getString("end"), "FREE");
  }

  private void list(RoutingContext ctx) {
    long chargerId = Long.parseLong(ctx.queryParams().get("chargerId"));
    String status = ctx.queryParams().get("status");
    int limit = Integer.parseInt(ctx.queryParams().get("limit"));
    int offset = Integer.parseInt(ctx.queryParams().get("offset"));
    List<JsonObject> rows = new ArrayList<>();
    for (JsonObject b : bookings.values()) {
      if (b.getLong("chargerId") == chargerId && (status == null || status.equals(b.getString("status")))) {
        rows.add(b);
      }
    }
    rows.sort(Comparator.<JsonObject, String>comparing(b -> b.getString("start")).thenComparing(b -> b.getLong("id")));
    JsonArray page = new JsonArray();
    rows.stream().skip(offset).limit(limit).forEach(page::add);
    json(ctx, 200, new JsonObject().put("bookings", page));
  }

  private void socket(ServerWebSocket ws) {
    if (!"/ws/availability".equals(ws.path())) {
      ws.close((short) 1008, "unknown path");
      return;
    }
    sockets.add(ws);
    ws.closeHandler(v -> sockets.remove(ws));
    ws.textMessageHandler(text -> {
      JsonObject msg = new JsonObject(text);
      if ("subscribe".equals(msg.getString("type"))) {
        ws.writeTextMessage(new JsonObject().put("type", "subscribed")
            .put("chargerIds", msg.getJsonArray("chargerIds")).encode());
      }
    });
  }

  private void push(long chargerId, String start, String end, String status) {
    long seq = seqs.computeIfAbsent(chargerId, k -> new AtomicLong()).incrementAndGet();
    String message = new JsonObject().put("type", "slots").put("chargerId", chargerId).put("seq", seq)
        .put("changes", new JsonArray().add(new JsonObject().put("start", start).put("end", end).put("status", status)))
        .encode();
    sockets.forEach(ws -> ws.writeTextMessage(message));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.toBuffer());
  }
}
