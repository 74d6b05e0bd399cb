package com.chargeshare.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Typed settings: {@code conf/config.json} (or the file named by {@code CHARGESHARE_CONFIG}) over the defaults
 * the jar carries, overridden by environment variables. Read once, by {@code Main}; {@code App} builds the node
 * from it, handing each part the settings it needs through constructors (the booking shards their batch sizes,
 * the token service its lifetime, ...) and keeping the whole in {@code Services}, which every HTTP verticle
 * receives in its constructor. Nothing reads settings from a static or from the deployment options' config, so
 * tests build their own with {@link #fromJson} and start a node with it.
 */
public record AppConfig(JsonObject json) {


  /** The server's settings: the config file, when there is one, over the jar's defaults, then the environment. */
  public static AppConfig load(Map<String, String> env) {
    Path file = Path.of(env.getOrDefault("CHARGESHARE_CONFIG", "conf/config.json"));
    JsonObject base = Files.exists(file) ? readJson(file) : defaults();
    return fromJson(base).withEnv(env);
  }

  /** The defaults shipped inside the jar, so the server also runs from a directory without conf/. */
  public static JsonObject defaults() {
    try (var in = AppConfig.class.getResourceAsStream("/config.json")) {
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** These settings over the jar's defaults, without a file or the environment: how tests configure a node. */
  public static AppConfig fromJson(JsonObject overrides) {
    return new AppConfig(deepMerge(defaults(), overrides));
  }

  private static JsonObject readJson(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static JsonObject deepMerge(JsonObject base, JsonObject over) {
    JsonObject out = base.copy();
    over.forEach(e -> {
      Object current = out.getValue(e.getKey());
      if (current instanceof JsonObject cur && e.getValue() instanceof JsonObject o) {
        out.put(e.getKey(), deepMerge(cur, o));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  /** A copy with each variable of {@link EnvOverrides} that is set applied, converted to the type it replaces. */
  public AppConfig withEnv(Map<String, String> env) {
    JsonObject out = json.copy();
    EnvOverrides.VARIABLES.forEach((name, path) -> {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        put(out, path, coerce(get(out, path), value.trim(), name));
      }
    });
    return new AppConfig(out);
  }

  /** A copy with these settings merged over the current ones. */
  public AppConfig withJson(JsonObject overrides) {
    return new AppConfig(deepMerge(json, overrides));
  }

  private static Object coerce(Object current, String value, String name) {
    try {
      if (current instanceof Integer || current instanceof Long) return Integer.parseInt(value);
      if (current instanceof Boolean) return Boolean.parseBoolean(value);
      if (current instanceof Double || current instanceof Float) return Double.parseDouble(value);
      if (current instanceof JsonArray) return new JsonArray(List.of(value.split("\\s*,\\s*")));
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
    }
  }

  private static Object get(JsonObject root, String path) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i], new JsonObject());
    }
    return node.getValue(parts[parts.length - 1]);
  }

  private static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }

  private JsonObject section(String name) {
    return json.getJsonObject(name, new JsonObject());
  }

  public Http http() {
    JsonObject h = section("http");
    return new Http(h.getString("host", "0.0.0.0"), h.getInteger("port", 8080), h.getInteger("instances", 0),
      h.getInteger("maxBodyBytes", 65536), h.getJsonArray("allowedOrigins", new JsonArray()).stream().map(String::valueOf).toList(),
      h.getBoolean("secureCookies", false), h.getInteger("idleTimeoutSeconds", 60), h.getInteger("headerTimeoutSeconds", 20));
  }

  public Db db() {
    JsonObject d = section("db");
    return new Db(d.getString("url"), d.getString("socket"), d.getInteger("poolSize", 16), d.getInteger("commitPoolSize", 8),
      d.getInteger("embeddedPort", 0), d.getInteger("embeddedBufferPoolMb", 0));
  }

  public Auth auth() {
    JsonObject a = section("auth");
    return new Auth(a.getString("jwtSecret"), a.getInteger("tokenTtlMinutes", 720), a.getInteger("bcryptCost", 10),
      a.getInteger("maxFailedLoginsPerAccount", 5), a.getInteger("maxFailedLoginsPerAddress", 20),
      a.getInteger("failedLoginWindowSeconds", 900), a.getInteger("maxRegistrationsPerAddress", 100),
      a.getInteger("registrationWindowSeconds", 3600), a.getInteger("bcryptThreads", 0), a.getInteger("bcryptQueue", 256),
      a.getString("issuer", "chargeshare"), a.getString("audience", "chargeshare"), a.getInteger("revocationPollMillis", 1000));
  }

  public Booking booking() {
    JsonObject b = section("booking");
    return new Booking(b.getString("engine", "event-bus"), b.getInteger("shards", 0), b.getInteger("maxBatch", 256),
      b.getInteger("commitsInFlight", 1), b.getInteger("horizonDays", 30), b.getInteger("idempotencyHours", 24),
      b.getInteger("maxUpcomingPerDriver", 5), b.getBoolean("allowDriverOverlap", false), b.getInteger("attemptsPerMinute", 60),
      b.getInteger("accessInstructionsHoursBefore", 24));
  }

  /** Check-in and no-shows: the same whether payments are on or off. */
  public Lifecycle lifecycle() {
    JsonObject b = section("booking");
    return new Lifecycle(b.getInteger("noShowMinutes", 15), b.getInteger("checkInMinutesBefore", 15),
      b.getLong("lifecycleTickMillis", 1000L));
  }

  public Payments payments() {
    JsonObject p = section("payments");
    JsonObject r = p.getJsonObject("razorpay", new JsonObject());
    return new Payments(p.getString("provider", "none"), p.getInteger("holdSeconds", 600),
      p.getJsonArray("cancellationPolicy", new JsonArray()).stream().map(String::valueOf).toList(), p.getInteger("refundRetrySeconds", 30),
      new Razorpay(r.getString("keyId"), r.getString("keySecret"), r.getString("webhookSecret"),
        r.getString("apiUrl", "https://api.razorpay.com"), r.getString("checkoutUrl", "https://checkout.razorpay.com/v1/checkout.js"),
        r.getInteger("timeoutMillis", 10000)));
  }

  public Live live() {
    JsonObject l = section("live");
    return new Live(l.getInteger("maxSubscriptionsPerSocket", 500), l.getInteger("maxMessageBytes", 8192),
      l.getInteger("maxWriteQueueBytes", 262144), l.getInteger("pingSeconds", 25), l.getInteger("idleTimeoutSeconds", 90),
      l.getInteger("maxSocketsPerAddress", 50), l.getInteger("maxChangesBehind", 1000));
  }

  public Cluster cluster() {
    JsonObject c = section("cluster");
    return new Cluster(c.getBoolean("enabled", false), c.getString("host", "127.0.0.1"), c.getInteger("port", 5701),
      c.getJsonArray("members", new JsonArray()).stream().map(String::valueOf).filter(m -> !m.isBlank()).toList(),
      c.getString("nodeName"), c.getInteger("heartbeatSeconds", 1), c.getInteger("maxNoHeartbeatSeconds", 5),
      c.getInteger("rebalanceMillis", 1000));
  }

  /**
   * Booking shards: the setting when given; otherwise one per event loop on a single node, and a fixed 64 in a
   * cluster, where every node must agree on the count whatever its core count.
   */
  public int bookingShards() {
    int configured = booking().shards();
    if (configured > 0) {
      return configured;
    }
    return cluster().enabled() ? 64 : eventLoops();
  }

  /**
   * The node's event-loop threads, which serve HTTP (one HTTP verticle each), the booking shards, the live hubs and
   * the database connections; 0: one per core. Vert.x's own default, twice the cores, cost a booking 35–54 % more server
   * CPU on two cores (bench/HISTORY.md, "Event loops"): a booking crosses between threads several times, and each
   * crossing wakes one.
   */
  public int eventLoops() {
    int configured = json.getInteger("eventLoops", 0);
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Whether the node's sockets (HTTP, WebSockets, MySQL, the cluster's event bus) use Netty's native epoll transport
   * where it is available (Linux on x86-64 and ARM64: the jar carries it), else the JDK's NIO. On by default.
   */
  public boolean nativeTransport() {
    return json.getBoolean("nativeTransport", true);
  }

  public Notify notifications() {
    JsonObject n = section("notify");
    String smtp = n.getString("smtpUrl");
    return new Notify(smtp == null || smtp.isBlank() ? null : smtp, n.getString("mailFrom", "EV ChargeShare <no-reply@localhost>"),
      n.getInteger("outboxPollMillis", 2000), n.getInteger("outboxBatch", 20), n.getInteger("maxAttempts", 8),
      n.getInteger("retryBaseSeconds", 30), n.getInteger("retryMaxSeconds", 3600), n.getInteger("sendTimeoutSeconds", 30),
      n.getInteger("reminderMinutesBefore", 30), n.getInteger("reminderPollSeconds", 60));
  }

  public JsonObject map() {
    return section("map");
  }

  /** Vert.x metrics domains switched off (EVENT_BUS, NET_CLIENT, ...): each costs a little on every message. */
  public List<String> disabledMetrics() {
    return section("metrics").getJsonArray("disabled", new JsonArray()).stream().map(String::valueOf).toList();
  }

  /** The bearer token that lets a non-loopback scraper read {@code /metrics}; null: loopback only. */
  public String metricsToken() {
    String token = section("metrics").getString("token");
    return token == null || token.isBlank() ? null : token;
  }

  public PhotoSettings photos() {
    return PhotoSettings.of(section("photos"), dataDir());
  }

  public GeocoderSettings geocoder() {
    return GeocoderSettings.of(section("geocoder"));
  }

  public String dataDir() {
    return json.getString("dataDir", "data");
  }

  public boolean demo() {
    return json.getBoolean("demo", false);
  }

  /**
   * {@code idleTimeoutSeconds}: a connection with no traffic either way is closed; {@code headerTimeoutSeconds}:
   * a request head must be complete within this of the connection opening or of the previous answer.
   */
  public record Http(String host, int port, int instances, int maxBodyBytes, List<String> allowedOrigins,
                     boolean secureCookies, int idleTimeoutSeconds, int headerTimeoutSeconds) {
  }

  /**
   * {@code socket}: the database server's Unix domain socket on this machine, for the node's pools instead of TCP to
   * the URL's host (null: TCP). The embedded MariaDB is always reached through its own socket.
   * {@code embeddedBufferPoolMb}: the embedded MariaDB's InnoDB buffer pool; 0 sizes it from the machine's memory.
   */
  public record Db(String url, String socket, int poolSize, int commitPoolSize, int embeddedPort, int embeddedBufferPoolMb) {
  }

  /** {@code bcryptThreads} 0: half the cores; limits of 0 switch that limit off. */
  public record Auth(String jwtSecret, int tokenTtlMinutes, int bcryptCost, int maxFailedLoginsPerAccount,
                     int maxFailedLoginsPerAddress, int failedLoginWindowSeconds, int maxRegistrationsPerAddress,
                     int registrationWindowSeconds, int bcryptThreads, int bcryptQueue, String issuer, String audience,
                     int revocationPollMillis) {
  }

  /**
   * The engine and the fair-booking rules: {@code maxUpcomingPerDriver} and {@code attemptsPerMinute} are off at 0;
   * {@code allowDriverOverlap} lifts the one-driver-one-car rule.
   */
  public record Booking(String engine, int shards, int maxBatch, int commitsInFlight, int horizonDays, int idempotencyHours,
                        int maxUpcomingPerDriver, boolean allowDriverOverlap, int attemptsPerMinute,
                        int accessInstructionsHoursBefore) {
    public boolean dbLock() {
      return "db-lock".equals(engine);
    }
  }

  /**
   * A clustered node: Hazelcast TCP/IP join on {@code host:port} with the {@code members} given; a member that
   * misses heartbeats for {@code maxNoHeartbeatSeconds} is dropped and its shards move.
   */
  public record Cluster(boolean enabled, String host, int port, List<String> members, String configuredName,
                        int heartbeatSeconds, int maxNoHeartbeatSeconds, int rebalanceMillis) {
    public String nodeName() {
      return configuredName == null || configuredName.isBlank() ? host + ":" + port : configuredName;
    }
  }

  /**
   * Notifications: mailed through {@code smtpUrl} ({@code smtp://user:pass@host:port}; null: no mail) from an
   * outbox polled every {@code outboxPollMillis}, a failed send retried after {@code retryBaseSeconds} doubling up
   * to {@code retryMaxSeconds}, at most {@code maxAttempts} times; reminders {@code reminderMinutesBefore} a start.
   */
  public record Notify(String smtpUrl, String mailFrom, int outboxPollMillis, int outboxBatch, int maxAttempts,
                       int retryBaseSeconds, int retryMaxSeconds, int sendTimeoutSeconds, int reminderMinutesBefore,
                       int reminderPollSeconds) {
    public boolean mail() {
      return smtpUrl != null;
    }
  }

  /** {@code noShowMinutes} after its start a confirmed booking nobody checked in to is a no-show. */
  public record Lifecycle(int noShowMinutes, int checkInMinutesBefore, long tickMillis) {
  }

  /**
   * {@code provider} {@code razorpay} turns payments on (bookings are holds for {@code holdSeconds} until paid);
   * {@code none} confirms bookings at once. {@code cancellationPolicy}: {@code HOURS:PERCENT} tiers.
   */
  public record Payments(String provider, int holdSeconds, List<String> cancellationPolicy, int refundRetrySeconds,
                         Razorpay razorpay) {
    public boolean on() {
      return "razorpay".equals(provider);
    }
  }

  /** Razorpay's keys (never logged), its API's base URL and its Checkout script's URL. */
  public record Razorpay(String keyId, String keySecret, String webhookSecret, String apiUrl, String checkoutUrl,
                         int timeoutMillis) {
    @Override
    public String toString() {
      return "Razorpay[keyId=" + keyId + ", apiUrl=" + apiUrl + "]";
    }
  }

  public record Live(int maxSubscriptionsPerSocket, int maxMessageBytes, int maxWriteQueueBytes, int pingSeconds,
                     int idleTimeoutSeconds, int maxSocketsPerAddress, int maxChangesBehind) {
  }
}
