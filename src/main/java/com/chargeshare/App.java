package com.chargeshare;

import com.chargeshare.booking.DriverLedgerRepository;
import com.chargeshare.booking.DriverLedgerVerticle;
import com.chargeshare.booking.DriverSide;
import com.chargeshare.booking.LocalBookingAttempts;
import com.chargeshare.booking.BookingShardVerticle;
import com.chargeshare.booking.DbLockEngine;
import com.chargeshare.booking.EventBusEngine;
import com.chargeshare.booking.IdSequences;
import com.chargeshare.booking.LocalCodec;
import com.chargeshare.booking.ShardTenure;
import com.chargeshare.booking.CancellationPolicy;
import com.chargeshare.cluster.ChangeRelay;
import com.chargeshare.cluster.ClusterMetrics;
import com.chargeshare.cluster.ClusterNode;
import com.chargeshare.cluster.ClusterStatus;
import com.chargeshare.cluster.ShardEpochRepository;
import com.chargeshare.cluster.ShardOwnership;
import com.chargeshare.cluster.WireCodec;
import com.chargeshare.config.AppConfig;
import com.chargeshare.db.Database;
import com.chargeshare.db.DbSettings;
import com.chargeshare.db.EmbeddedMariaDb;
import com.chargeshare.db.Migrations;
import com.chargeshare.demo.DemoCity;
import com.chargeshare.notify.NotifyVerticle;
import com.chargeshare.web.BookingAnswers;
import com.chargeshare.web.HttpMetricTags;
import com.chargeshare.web.HttpVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;

/**
 * One server node: database (external or embedded), migrations, then the booking shards (each rebuilds its
 * memory before it takes requests), then the HTTP verticles. {@link #close()} stops in reverse order.
 */
public final class App implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(App.class);

  private final Vertx vertx;
  private final EmbeddedMariaDb embedded;
  private final Services services;
  private final int port;
  private final ShardOwnership ownership;

  private App(Vertx vertx, EmbeddedMariaDb embedded, Services services, int port, ShardOwnership ownership) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.services = services;
    this.port = port;
    this.ownership = ownership;
  }

  /** Blocking: returns once the server listens, or throws with a clear reason. */
  public static App start(AppConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** With the clock the node reads time from (tests move one forward to reach a booking's no-show deadline). */
  public static App start(AppConfig config, Clock clock) {
    long t0 = System.nanoTime();
    validate(config);
    Path dataDir = Path.of(config.dataDir());
    EmbeddedMariaDb embedded = null;
    DbSettings db;
    if (config.db().url() == null || config.db().url().isBlank()) {
      embedded = EmbeddedMariaDb.start(dataDir, config.db().embeddedPort(), config.db().embeddedBufferPoolMb());
      db = embedded.settings();
    } else {
      db = DbSettings.parse(config.db().url()).withSocket(config.db().socket());
    }
    Vertx vertx = null;
    try {
      log.info("Database {}", db);
      Migrations.apply(db);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry.config().meterFilter(HttpMetricTags.bounded()).meterFilter(HttpMetricTags.noPaths());
      VertxOptions options = new VertxOptions().setEventLoopPoolSize(config.eventLoops())
        .setPreferNativeTransport(config.nativeTransport())
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
          .setDisabledMetricsCategories(new java.util.HashSet<>(config.disabledMetrics()))
          .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
      ClusterNode node = null;
      if (config.cluster().enabled()) {
        node = ClusterNode.start(config.cluster(), options, new MicrometerMetricsFactory(registry));
        vertx = node.vertx();
        // same name as the local codec: senders stay as they are, and records cross nodes in serialized form
        vertx.eventBus().registerCodec(new WireCodec(LocalCodec.NAME, new BookingAnswers()::confirmed));
      } else {
        vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
        vertx.eventBus().registerCodec(new LocalCodec());
      }
      Database database = new Database(vertx, db, config.db().poolSize(), config.db().commitPoolSize());
      IdSequences sequences = new IdSequences(database.commitPool());
      ShardOwnership ownership = node == null ? null : ownership(vertx, node, config, database, registry);
      Services services = Wiring.services(vertx, config, database, registry, dataDir, clock, sequences,
        ownership != null ? ownership : ClusterStatus.single("single:" + config.http().port(), config.bookingShards()),
        node == null ? "" : node.nodeId());
      if (services.engine().attempts() instanceof LocalBookingAttempts local) {
        vertx.setPeriodic(60_000, id -> local.sweep());
      }
      int eventLoops = config.eventLoops();
      Vertx v = vertx;
      String nodeName = node == null ? null : node.name();
      deployEngine(vertx, config, services, sequences, clock, ownership)
        .compose(x -> v.deployVerticle(NotifyVerticle.of(v, config.notifications(), services.database().pool(),
          services.notifications(), services.userMessages(), clock)))
        .compose(x -> nodeName == null ? Future.succeededFuture() : v.deployVerticle(new ChangeRelay(nodeName)))
        .compose(x -> {
          int instances = config.http().instances() > 0 ? config.http().instances() : eventLoops;
          return v.deployVerticle(() -> new HttpVerticle(services), new DeploymentOptions().setInstances(instances));
        })
        .await(java.util.concurrent.TimeUnit.SECONDS.toMillis(120), java.util.concurrent.TimeUnit.MILLISECONDS);
      vertx.setPeriodic(3_600_000, id -> services.booking().purge());
      if (services.engine() instanceof DbLockEngine dbLock) {
        dbLock.startSweeps();
      }
      services.payments().ifPresent(p -> v.setPeriodic(config.payments().refundRetrySeconds() * 1000L,
        id -> p.retryRefunds(config.payments().refundRetrySeconds())));
      if (config.demo()) {
        if (ownership != null) {
          // the demo books through the engine: wait until this node serves its share of the shards
          ownership.firstShare().await(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        DemoCity.seedIfEmpty(vertx, services)
          .await(java.util.concurrent.TimeUnit.SECONDS.toMillis(300), java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      if (config.nativeTransport() && !vertx.isNativeTransportEnabled()) {
        log.info("Native transport unavailable here ({}); using the JDK's NIO", String.valueOf(vertx.unavailableNativeTransportCause()));
      }
      log.info("EV ChargeShare listening on http://{}:{} (engine {}, {} transport) after {} ms", config.http().host(),
        config.http().port(), services.engine().name(), vertx.isNativeTransportEnabled() ? "epoll" : "NIO",
        (System.nanoTime() - t0) / 1_000_000);
      return new App(vertx, embedded, services, config.http().port(), ownership);
    } catch (Exception e) {
      if (vertx != null) {
        vertx.close().await();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void validate(AppConfig config) {
    var payments = config.payments();
    if (!"none".equals(payments.provider()) && !payments.on()) {
      throw new IllegalArgumentException("CHARGESHARE_PAYMENTS must be razorpay or absent, not '" + payments.provider() + "'");
    }
    if (payments.on()) {
      var r = payments.razorpay();
      for (String[] s : new String[][]{{"CHARGESHARE_RAZORPAY_KEY_ID", r.keyId()}, {"CHARGESHARE_RAZORPAY_KEY_SECRET", r.keySecret()},
        {"CHARGESHARE_RAZORPAY_WEBHOOK_SECRET", r.webhookSecret()}}) {
        if (s[1] == null || s[1].isBlank()) {
          throw new IllegalArgumentException(s[0] + " must be set when CHARGESHARE_PAYMENTS=razorpay");
        }
      }
      if (!r.checkoutUrl().matches("https?://[^\\s'\";,]+")) {
        throw new IllegalArgumentException("CHARGESHARE_RAZORPAY_CHECKOUT_URL must be an http(s) URL");
      }
      if (payments.holdSeconds() <= 0) {
        throw new IllegalArgumentException("CHARGESHARE_PAYMENT_HOLD_SECONDS must be > 0");
      }
    }
    CancellationPolicy.parse(payments.cancellationPolicy());
    int poolMb = config.db().embeddedBufferPoolMb();
    if (poolMb != 0 && poolMb < 16) {
      throw new IllegalArgumentException("CHARGESHARE_DB_EMBEDDED_BUFFER_POOL_MB must be 0 (sized from the machine's memory) "
        + "or at least 16, not " + poolMb);
    }
    String engine = config.booking().engine();
    if (!"event-bus".equals(engine) && !"db-lock".equals(engine)) {
      throw new IllegalArgumentException("CHARGESHARE_BOOKING_ENGINE must be event-bus or db-lock, not '" + engine + "'");
    }
    if ("db-lock".equals(engine) && config.cluster().enabled()) {
      // a cluster shards the event-bus engine; its driver owners also count each driver's attempts cluster-wide
      throw new IllegalArgumentException("CHARGESHARE_BOOKING_ENGINE=db-lock runs on a single node; a cluster needs event-bus");
    }
  }

  private static ShardOwnership ownership(Vertx vertx, ClusterNode node, AppConfig config, Database database,
                                          PrometheusMeterRegistry registry) {
    var c = config.cluster();
    return new ShardOwnership(vertx, node, config.bookingShards(), new ShardEpochRepository(database.commitPool()),
      new ClusterMetrics(registry, node.name()), c.rebalanceMillis(), c.maxNoHeartbeatSeconds() * 1000L);
  }

  private static Future<?> deployEngine(Vertx vertx, AppConfig config, Services services, IdSequences sequences, Clock clock,
                                        ShardOwnership ownership) {
    if (!(services.engine() instanceof EventBusEngine engine)) {
      return Future.succeededFuture();
    }
    if (ownership != null) {
      // in a cluster this node serves the shards it takes, as it takes them; other nodes serve the rest
      ownership.start(new ShardDeployer(vertx, config, services, engine, sequences, clock, ownership));
      return Future.succeededFuture();
    }
    var b = config.booking();
    int shards = config.bookingShards();
    java.util.List<Future<String>> deployed = new java.util.ArrayList<>();
    DriverSide side = engine.drivers();
    DriverLedgerRepository drivers = new DriverLedgerRepository(services.database().pool());
    for (int shard = 0; shard < shards; shard++) {
      int s = shard;
      if (side.usesLedger()) {
        // one owner per driver shard, at its address; rebuilt from MySQL before it answers
        deployed.add(vertx.deployVerticle(new DriverLedgerVerticle(s, shards, side.rules(), side.attemptsPerMinute(), drivers,
          engine.ledgerReadiness(), clock)));
      }
      // one instance per shard address: exactly one owner for each charger
      deployed.add(vertx.deployVerticle(new BookingShardVerticle(s, shards,
        new BookingShardVerticle.Settings(b.maxBatch(), b.commitsInFlight(), b.horizonDays(), !side.rules().allowOverlap()),
        services.chargers(), services.bookings(), sequences, engine.metrics(), engine.readiness(), clock, ShardTenure.SOLE,
        engine.shardLifecycle())));
    }
    return Future.all(deployed);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Services services() {
    return services;
  }

  public int port() {
    return port;
  }

  /**
   * Graceful: in a cluster the shards are drained and handed over first; then HTTP servers finish requests in
   * flight, shards stop, the pool closes, the node leaves the cluster, the embedded DB stops.
   */
  @Override
  public void close() {
    if (ownership != null) {
      try {
        ownership.leave().await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Shards were not all handed over: {}", e.getMessage());
      }
    }
    try {
      vertx.close().await();
    } catch (Exception e) {
      log.warn("Vert.x did not close cleanly: {}", e.getMessage());
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
