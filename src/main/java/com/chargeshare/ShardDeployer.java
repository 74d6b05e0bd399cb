package com.chargeshare;

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
  private final Map<Integer, String> deployments = new ConcurrentHashMap<>();

  ShardDeployer(Vertx vertx, AppConfig config, Services services, EventBusEngine engine, IdSequences sequences, Clock clock,
                ShardOwnership ownership) {
    this.ownership = ownership;
    this.sequences = sequences;
    this.clock = clock;
    this.vertx = vertx;
    this.config = config;
    this.services = services;
    this.engine = engine;
  }

  @Override
  public Future<Void> open(int shard, long epoch) {
    var b = config.booking();
    return vertx.deployVerticle(new BookingShardVerticle(shard, config.bookingShards(),
        new BookingShardVerticle.Settings(b.maxBatch(), b.commitsInFlight(), b.horizonDays()), services.chargers(),
        services.bookings(), sequences, engine.metrics(), engine.readiness(), clock, tenure(shard, epoch)))
      .map(id -> {
        deployments.put(shard, id);
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
    String id = deployments.remove(shard);
    return id == null ? Future.succeededFuture() : vertx.undeploy(id);
  }
}
