package com.chargeshare.support;

import com.chargeshare.App;
import com.chargeshare.config.AppConfig;
import com.chargeshare.db.DbSettings;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;

/** The real server (all verticles, real HTTP) on a free port, with a fresh database on the test server. */
public final class TestServer implements AutoCloseable {

  private final App app;
  private final DbSettings db;
  private final AppConfig config;

  private TestServer(App app, DbSettings db, AppConfig config) {
    this.app = app;
    this.db = db;
    this.config = config;
  }

  public static TestServer start(String label) {
    return start(label, new JsonObject());
  }

  /**
   * The shipped fair-booking limits (one car, 5 upcoming, 60 attempts a minute). Most test classes book freely as
   * one driver to test something else, so a test server runs without them unless a test merges these in; the fair
   * rules have tests of their own (FairBookingContract, the race contract, the load test against the server).
   */
  public static final JsonObject FAIR_LIMITS = new JsonObject().put("booking", new JsonObject()
    .put("allowDriverOverlap", false).put("maxUpcomingPerDriver", 5).put("attemptsPerMinute", 60));
  private static final JsonObject NO_FAIR_LIMITS = new JsonObject().put("booking", new JsonObject()
    .put("allowDriverOverlap", true).put("maxUpcomingPerDriver", 0).put("attemptsPerMinute", 0));

  /** {@code overrides} are merged into the shipped config (e.g. {"booking": {"engine": "db-lock"}}). */
  public static TestServer start(String label, JsonObject overrides) {
    return start(TestDatabase.fresh(label), overrides);
  }

  /** With a clock the test moves (see {@link MovableClock}). */
  public static TestServer start(String label, JsonObject overrides, java.time.Clock clock) {
    return start(TestDatabase.fresh(label), overrides, clock);
  }

  /** On an existing database: restarts keep their data. */
  public static TestServer start(DbSettings db, JsonObject overrides) {
    return start(db, overrides, java.time.Clock.systemUTC());
  }

  public static TestServer start(DbSettings db, JsonObject overrides, java.time.Clock clock) {
    boolean portGiven = overrides.getJsonObject("http", new JsonObject()).containsKey("port");
    for (int attempt = 1; ; attempt++) {
      AppConfig config = AppConfig.fromJson(new JsonObject()
          .put("http", new JsonObject().put("port", freePort()).put("host", "127.0.0.1"))
          .put("db", new JsonObject().put("url", db.url()).put("poolSize", 16))
          .put("dataDir", Path.of("target", "test-data", UUID.randomUUID().toString()).toString())
          .put("auth", new JsonObject().put("bcryptCost", 4).put("jwtSecret", "test-secret-" + UUID.randomUUID() + "-0123456789")))
        .withJson(NO_FAIR_LIMITS)
        .withJson(overrides);
      try {
        return new TestServer(App.start(config, clock), db, config);
      } catch (RuntimeException e) {
        // the free port was taken by another test between our look and the server's bind: take another one
        if (portGiven || attempt == 3 || !portTaken(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean portTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return app.port();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public DbSettings db() {
    return db;
  }

  public AppConfig config() {
    return config;
  }

  public App app() {
    return app;
  }

  @Override
  public void close() {
    app.close();
  }
}
