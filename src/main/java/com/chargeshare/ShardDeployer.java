package com.chargeshare;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.ArrayList;
import com.chargeshare.booking.DriverSide;
import com.chargeshare.booking.DriverLedgerVerticle;
import com.chargeshare.booking.DriverLedgerRepository;
import com.chargeshare.booking.BookingShardVerticle;
import com.chargeshare.booking.EventBusEngine;
import com.chargeshare.booking.IdSequences;
import com.chargeshare.booking.ShardTenure;
import com.chargeshare.cluster.Fenced;
import com.chargeshare.cluster.ShardEpochRepository;
import com.chargeshare.cluster.ShardHost;
import com.chargeshare.cluster.ShardOwnership;
import com.chargeshare.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys a shard's owner verticle when this node takes the shard, fenced by the epoch it was taken at, and
 * undeploys it (after its queue drained) when the node gives it up.
 */
final class ShardDeployer implements ShardHost {

  private final Vertx vertx;
  private final AppConfig config;
  private final Services services;
  private final EventBusEngine engine;
  private final IdSequences sequences;
  private final Clock clock;
  private final ShardOwnership ownership;
  private final DriverSide side;
  private final DriverLedgerRepository drivers;
  private final Map<Integer, List<String>> deployments = new ConcurrentHashMap<>();

  ShardDeployer(Vertx vertx, AppConfig config, Services services, EventBusEngine engine, IdSequences sequences, Clock clock,
                ShardOwnership ownership) {
    this.ownership = ownership;
    this.sequences = sequences;
    this.clock = clock;
    this.vertx = vertx;
    this.config = config;
    this.services = services;
    this.engine = engine;
    this.side = engine.drivers();
    this.drivers = new DriverLedgerRepository(services.database().pool());
  }

  @Override
  public Future<Void> open(int shard, long epoch) {
    var b = config.booking();
    List<String> ids = new CopyOnWriteArrayList<>();
    deployments.put(shard, ids);
    // the shard's driver ledger moves with it: one owner per driver shard in the whole cluster, rebuilt from MySQL;
    // its word is checked again by driver_claims in the charger shard's fenced commit
    // (and counts those drivers' booking attempts, whichever node they were sent to)
    Future<Void> ledger = !side.usesLedger() ? Future.succeededFuture()
      : vertx.deployVerticle(new DriverLedgerVerticle(shard, config.bookingShards(), side.rules(), side.attemptsPerMinute(), drivers,
          engine.ledgerReadiness(), clock))
        .map(id -> {
          ids.add(id);
          return null;
        });
    return ledger.compose(v -> vertx.deployVerticle(new BookingShardVerticle(shard, config.bookingShards(),
        new BookingShardVerticle.Settings(b.maxBatch(), b.commitsInFlight(), b.horizonDays(), !side.rules().allowOverlap()),
        services.chargers(), services.bookings(), sequences, engine.metrics(), engine.readiness(), clock, tenure(shard, epoch),
        engine.shardLifecycle())))
      .map(id -> {
        ids.add(id);
        return null;
      });
  }

  /** Commits check the epoch in their own transaction; the first that finds it moved on makes the shard step down. */
  private ShardTenure tenure(int shard, long epoch) {
    return new ShardTenure(epoch, conn -> ShardEpochRepository.check(conn, shard, epoch).onFailure(err -> {
      if (err instanceof Fenced) {
        ownership.fenced(shard, epoch);
      }
    }));
  }

  @Override
  public Future<Void> close(int shard) {
    List<String> ids = deployments.remove(shard);
    if (ids == null) {
      return Future.succeededFuture();
    }
    // the charger shard first (it drains its commits), then the ledger
    List<String> order = new ArrayList<>(ids);
    java.util.Collections.reverse(order);
    Future<Void> done = Future.succeededFuture();
    for (String id : order) {
      done = done.compose(v -> vertx.undeploy(id));
    }
    return done;
  }
}
