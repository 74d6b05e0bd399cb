package com.chargeshare.live;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.config.AppConfig;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.failure.Forbidden;
import com.chargeshare.failure.RateLimited;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ws/availability} for one HTTP verticle: accepts sockets and answers what their clients ask
 * ({@link ClientMessage}), keeps what they follow ({@link Subscriptions}), pushes committed changes to them
 * ({@link FanOut}) and pings them ({@link Heartbeat}). The engine publishes a change once; every verticle's hub
 * hears it on its own event loop and writes to its own sockets, so no lock or shared structure sits between the
 * engine and thousands of subscribers. Messages for one user ({@link UserMessages}: notifications) go to the
 * sockets that user opened while logged in.
 */
public final class LiveHub {

  public static final String PATH = "/ws/availability";

  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

  private final Vertx vertx;
  private final AppConfig.Live limits;
  private final AuthGuard guard;
  private final Subscriptions subscriptions;
  private final Connections connections;
  private final FanOut fanOut;
  private final Heartbeat heartbeat;
  private final SocketQuota quota;

  public LiveHub(Vertx vertx, AppConfig.Live limits, AuthGuard guard, LiveMetrics metrics, UserMessages users) {
    this.vertx = vertx;
    this.limits = limits;
    this.guard = guard;
    this.subscriptions = new Subscriptions(metrics);
    this.connections = new Connections(subscriptions, metrics, users, limits.maxWriteQueueBytes());
    this.fanOut = new FanOut(connections, subscriptions, metrics, limits.maxChangesBehind());
    this.heartbeat = new Heartbeat(connections, limits, metrics);
    this.quota = new SocketQuota(vertx, limits.maxSocketsPerAddress());
  }

  /**
   * Mounts the endpoint and starts listening for changes. Called from the verticle's start, so the consumer and
   * the heartbeat timer belong to that verticle and end with it.
   */
  public void mount(Router router) {
    router.get(PATH).handler(this::upgrade);
    vertx.eventBus().<ChangeEvent>localConsumer(ChangeEvent.ADDRESS, msg -> fanOut.dispatch(msg.body()));
    // cluster-wide: a user's socket may be open on any node
    vertx.eventBus().<String>consumer(UserMessages.ADDRESS, msg -> connections.toUser(UserMessages.userOf(msg), msg.body()));
    vertx.setPeriodic(1000L, id -> heartbeat.beat());
  }

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
    // the fan-out writes to the socket's channel itself (see LiveSocket); cleartext HTTP/2 is off, so every
    // upgrade arrives on an HTTP/1.x connection of Vert.x's own
    if (!(req.connection() instanceof ConnectionBase conn)) {
      quota.release(address);
      ctx.fail(ValidationFailed.request("WebSocket connections need HTTP/1.1"));
      return;
    }
    Channel channel = conn.channel();
    Principal principal = AuthGuard.principal(ctx);
    req.toWebSocket()
      .onSuccess(ws -> accept(ws, channel, principal, address))
      .onFailure(err -> {
        quota.release(address);
        log.debug("WebSocket handshake failed: {}", err.toString());
      });
  }

  private void accept(ServerWebSocket ws, Channel channel, Principal principal, String address) {
    // the fan-out's writes and its catch-up listeners rely on it: the socket's channel lives on this hub's loop
    assert channel.eventLoop().inEventLoop() : "a live socket's channel is on another event loop than its hub";
    LiveSocket s = new LiveSocket(ws, channel, withoutExtensions(channel), principal, System.currentTimeMillis());
    ws.setWriteQueueMaxSize(limits.maxWriteQueueBytes());
    ws.textMessageHandler(text -> onText(s, text));
    ws.binaryMessageHandler(data -> {
      s.lastSeenMillis = System.currentTimeMillis();
      connections.refuse(s, null, "VALIDATION_FAILED", "Send JSON text messages", null);
    });
    ws.pongHandler(data -> s.lastSeenMillis = System.currentTimeMillis());
    ws.exceptionHandler(err -> {
      // Vert.x drops a text message over maxWebSocketMessageSize and reports it here as an IllegalStateException
      if (err instanceof IllegalStateException && !s.closing) {
        connections.refuse(s, null, "PAYLOAD_TOO_LARGE", "Messages are limited to " + limits.maxMessageBytes() + " bytes", null);
      } else {
        log.debug("Live socket {}: {}", ws.remoteAddress(), err.toString());
      }
    });
    ws.closeHandler(v -> {
      quota.release(address);
      connections.discard(s);
    });
    connections.opened(s);
  }

  /**
   * Whether the socket's frames go on the wire as they are built: no extension can have been negotiated on it, since
   * the server offers none (HttpVerticle turns WebSocket compression off) and Vert.x adds no negotiating handler.
   * Were compression turned on, the handler would be in the pipeline of every connection and its sockets would be
   * written frames, which the extension's encoders compress.
   */
  private static boolean withoutExtensions(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    return pipeline.get(WebSocketServerExtensionHandler.class) == null && pipeline.get(WebSocketExtensionEncoder.class) == null;
  }

  private void onText(LiveSocket s, String text) {
    s.lastSeenMillis = System.currentTimeMillis();
    ClientMessage m = ClientMessage.parse(text, limits.maxSubscriptionsPerSocket());
    if (m instanceof ClientMessage.Subscribe sub) {
      subscribe(s, sub.request(), sub.id());
    } else if (m instanceof ClientMessage.Unsubscribe unsub) {
      subscriptions.remove(s, unsub.request());
      acknowledge(s, "unsubscribe", unsub.request(), unsub.id());
    } else if (m instanceof ClientMessage.Ping ping) {
      connections.send(s, new JsonObject().put("type", "pong"), ping.id());
    } else if (m instanceof ClientMessage.Invalid invalid) {
      connections.refuse(s, invalid.id(), "VALIDATION_FAILED", invalid.message(), invalid.details());
    }
  }

  /** A request that would take the socket over its limit is refused whole. */
  private void subscribe(LiveSocket s, LiveRequest r, Object id) {
    if (r.mine() && (s.principal == null || !s.principal.is(Role.HOST))) {
      connections.refuse(s, id, s.principal == null ? "UNAUTHENTICATED" : "FORBIDDEN",
        "Only a logged-in host can follow their own chargers (mine)", null);
      return;
    }
    int limit = limits.maxSubscriptionsPerSocket();
    if (s.subscriptions() + subscriptions.wouldAdd(s, r) > limit) {
      connections.refuse(s, id, "TOO_MANY_SUBSCRIPTIONS", "A socket may hold at most " + limit + " subscriptions; unsubscribe some first",
        new JsonObject().put("limit", limit).put("subscriptions", s.subscriptions()));
      return;
    }
    subscriptions.add(s, r);
    acknowledge(s, "subscribe", r, id);
  }

  /** API.md names one acknowledgement, {@code subscribed}; {@code op} tells which request it answers. */
  private void acknowledge(LiveSocket s, String op, LiveRequest r, Object id) {
    connections.send(s, new JsonObject().put("type", "subscribed").put("op", op).mergeIn(r.echo())
      .put("subscriptions", s.subscriptions()), id);
  }
}
