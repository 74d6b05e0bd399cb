package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's public API as the load test uses it; the only class that knows paths and JSON
 * shapes. One pooled HTTP/1.1 keep-alive client without pipelining, sized to the connection count.
 */
public final class ApiClient {

  /** A set-up or verification call answered with an unexpected status. */
  public static final class ApiException extends RuntimeException {
    private final int status;

    ApiException(String call, int status, String body) {
      super(call + " answered " + status + ": " + abbreviate(body));
      this.status = status;
    }

    public int status() {
      return status;
    }

    private static String abbreviate(String body) {
      return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
  }

  private static final String JSON = "application/json; charset=utf-8";

  private final List<WebClient> clients = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong turn = new java.util.concurrent.atomic.AtomicLong();
  private final long timeoutMillis;
  private final List<URI> bases;

  public ApiClient(Vertx vertx, URI base, int connections, long timeoutMillis) {
    this(vertx, List.of(base), connections, timeoutMillis);
  }

  /** Requests go to the nodes in turn (round robin), each node with its own pool of {@code connections}. */
  public ApiClient(Vertx vertx, List<URI> bases, int connections, long timeoutMillis) {
    this.bases = List.copyOf(bases);
    this.timeoutMillis = timeoutMillis;
    bases.forEach(base -> clients.add(client(vertx, base, connections, timeoutMillis)));
  }

  private static WebClient client(Vertx vertx, URI base, int connections, long timeoutMillis) {
    boolean ssl = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
    WebClientOptions options = new WebClientOptions()
        .setDefaultHost(base.getHost())
        .setDefaultPort(port)
        .setSsl(ssl)
        .setTrustAll(ssl)
        .setVerifyHost(false)
        .setKeepAlive(true)
        // below the server's idle timeout (60 s by default): a pooled connection the server is closing at that very
        // moment would fail a request with "Connection was closed" (a pause between set-up steps is enough)
        .setKeepAliveTimeout(30)
        .setPipelining(false)
        .setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
        .setUserAgent("ev-chargeshare-loadtest");
    // the generator bounds in-flight requests itself, so the pool's wait queue is unbounded
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(connections)
        .setMaxWaitQueueSize(-1)
        .setEventLoopSize(Math.max(1, Math.min(connections, Runtime.getRuntime().availableProcessors())));
    return WebClient.create(vertx, options, pool);
  }

  /** The next node's client. */
  private WebClient client() {
    return clients.get((int) (turn.getAndIncrement() % clients.size()));
  }

  public URI base() {
    return bases.get(0);
  }

  public List<URI> bases() {
    return bases;
  }

  public void close() {
    clients.forEach(WebClient::close);
  }

  // ---- set-up ----

  public Future<Void> register(String email, String password, String name, String role) {
    JsonObject body = new JsonObject().put("email", email).put("password", password)
        .put("name", name).put("role", role);
    return post("/api/auth/register", null).sendJsonObject(body)
        .compose(resp -> expect("register " + email, resp, 201)).mapEmpty();
  }

  /** Logs in; the token and the user id. */
  public Future<Account> login(String email, String password, String role) {
    JsonObject body = new JsonObject().put("email", email).put("password", password);
    return post("/api/auth/login", null).sendJsonObject(body)
        .compose(resp -> expect("login " + email, resp, 200))
        .map(json -> new Account(json.getJsonObject("user").getLong("id"), email, role,
            "Bearer " + json.getString("token")));
  }

  /** Creates a charger; answers its id. */
  public Future<Long> createCharger(Account host, JsonObject charger) {
    return post("/api/chargers", host).sendJsonObject(charger)
        .compose(resp -> expect("create charger", resp, 201))
        .map(json -> json.getJsonObject("charger").getLong("id"));
  }

  // ---- load ----

  /** Books one window; answers the raw response so the scenario can read the booking. */
  public Future<HttpResponse<Buffer>> book(Account driver, long chargerId, long start, long end) {
    JsonObject body = new JsonObject()
        .put("chargerId", chargerId)
        .put("start", SlotMath.iso(start))
        .put("end", SlotMath.iso(end))
        .put("flexMinutes", 0);
    return post("/api/bookings", driver).sendBuffer(body.toBuffer());
  }

  public Future<HttpResponse<Buffer>> cancel(Account driver, long bookingId) {
    return post("/api/bookings/" + bookingId + "/cancel", driver).send();
  }

  public Future<HttpResponse<Buffer>> search(double lat, double lng, double radiusKm) {
    return client().get("/api/chargers")
        .addQueryParam("lat", Double.toString(lat))
        .addQueryParam("lng", Double.toString(lng))
        .addQueryParam("radiusKm", Double.toString(radiusKm))
        .timeout(timeoutMillis)
        .send();
  }

  public Future<HttpResponse<Buffer>> slots(long chargerId, long from, long to) {
    return client().get("/api/chargers/" + chargerId + "/slots")
        .addQueryParam("from", SlotMath.iso(from))
        .addQueryParam("to", SlotMath.iso(to))
        .timeout(timeoutMillis)
        .send();
  }

  // ---- verification ----

  /** One page of the confirmed bookings on a charger, as its host sees them. */
  public Future<List<ServerBooking>> confirmedBookings(Account host, long chargerId, int limit, int offset) {
    return client().get("/api/bookings")
        .putHeader("Authorization", host.bearer())
        .addQueryParam("chargerId", Long.toString(chargerId))
        .addQueryParam("status", "CONFIRMED")
        .addQueryParam("limit", Integer.toString(limit))
        .addQueryParam("offset", Integer.toString(offset))
        .timeout(Math.max(timeoutMillis, 30_000))
        .send()
        .compose(resp -> expect("list bookings of charger " + chargerId, resp, 200))
        .map(json -> {
          JsonArray rows = json.getJsonArray("bookings", new JsonArray());
          List<ServerBooking> page = new ArrayList<>(rows.size());
          for (int i = 0; i < rows.size(); i++) {
            page.add(ServerBooking.fromJson(rows.getJsonObject(i)));
          }
          return page;
        });
  }

  // ---- operations ----

  /** The body of a GET (e.g. {@code /health}) when it answers 2xx or 503, else empty. */
  public Future<Optional<String>> fetchText(String path) {
    return client().get(path).timeout(5_000).send()
        .map(resp -> resp.statusCode() < 300 || resp.statusCode() == 503
            ? Optional.ofNullable(resp.bodyAsString()) : Optional.<String>empty())
        .otherwise(Optional.empty());
  }

  private HttpRequest<Buffer> post(String path, Account account) {
    HttpRequest<Buffer> request = client().post(path)
        .putHeader("Content-Type", JSON)
        .timeout(timeoutMillis);
    if (account != null) {
      request.putHeader("Authorization", account.bearer());
    }
    return request;
  }

  private static Future<JsonObject> expect(String call, HttpResponse<Buffer> resp, int status) {
    if (resp.statusCode() != status) {
      return Future.failedFuture(new ApiException(call, resp.statusCode(), resp.bodyAsString()));
    }
    Buffer body = resp.body();
    return Future.succeededFuture(body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject());
  }
}
