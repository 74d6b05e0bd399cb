package com.chargeshare.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A live-availability subscriber for tests: a Vert.x WebSocket client whose messages land in a queue. */
public final class LiveClient implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(10);

  private final WebSocket ws;
  /**
   * The client that opened the socket, held for as long as the socket is: Vert.x closes a client that is no longer
   * referenced (a cleaner runs when it is collected), and every socket it opened with it, with a normal 1000 close.
   */
  @SuppressWarnings({"unused", "FieldCanBeLocal"})
  private final WebSocketClient client;
  private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  private LiveClient(WebSocket ws, WebSocketClient client) {
    this.ws = ws;
    this.client = client;
    ws.textMessageHandler(text -> inbox.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.countDown());
  }

  public static LiveClient connect(WebSocketClient client, int port) {
    return connect(client, options(port));
  }

  public static LiveClient connect(WebSocketClient client, WebSocketConnectOptions options) {
    return await(open(client, options));
  }

  public static WebSocketConnectOptions options(int port) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws/availability");
  }

  /** Blocks for a Vert.x future from a test thread; a failure is thrown as it is. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("not done within 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Future<LiveClient> open(WebSocketClient client, WebSocketConnectOptions options) {
    return client.connect(options).map(ws -> new LiveClient(ws, client));
  }

  public static WebSocketClient client(Vertx vertx) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));
  }

  public WebSocket socket() {
    return ws;
  }

  public LiveClient send(JsonObject msg) {
    await(ws.writeTextMessage(msg.encode()));
    return this;
  }

  /** Subscribes and waits for the acknowledgement. */
  public JsonObject subscribe(JsonObject request) {
    send(request.copy().put("type", "subscribe"));
    return next();
  }

  public JsonObject subscribeIds(long... ids) {
    io.vertx.core.json.JsonArray a = new io.vertx.core.json.JsonArray();
    for (long id : ids) a.add(id);
    return subscribe(new JsonObject().put("chargerIds", a));
  }

  /** The next message, whatever it is; fails after {@link #WAIT}. */
  public JsonObject next() {
    return next(WAIT);
  }

  public JsonObject next(Duration wait) {
    try {
      JsonObject m = inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError("no message within " + wait);
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next message of this type for this charger, skipping others. */
  public JsonObject next(String type, long chargerId) {
    return nextMatching(m -> type.equals(m.getString("type")) && m.getLong("chargerId", -1L) == chargerId);
  }

  public JsonObject nextMatching(Predicate<JsonObject> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (wanted.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no matching message within " + WAIT);
  }

  /**
   * The next {@code count} messages, each awaited up to {@link #WAIT}, then whatever else arrives until {@code quiet}
   * passes without a message: a busy machine may deliver late, and what is expected is never mistaken for silence.
   */
  public List<JsonObject> take(int count, Duration quiet) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(next());
    }
    out.addAll(drain(quiet));
    return out;
  }

  /** Everything that arrives within {@code quiet}. */
  public List<JsonObject> drain(Duration quiet) {
    List<JsonObject> out = new ArrayList<>();
    try {
      JsonObject m;
      while ((m = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
        out.add(m);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  public boolean awaitClose(Duration wait) {
    try {
      return closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public Short closeStatus() {
    return ws.closeStatusCode();
  }

  public String closeReason() {
    return ws.closeReason();
  }

  @Override
  public void close() {
    if (!ws.isClosed()) {
      await(ws.close());
    }
  }
}
