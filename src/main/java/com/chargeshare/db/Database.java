package com.chargeshare.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;


/**
 * The reactive pools and the database health probe. The booking shards' group commits get a small pool of
 * their own, so a burst of searches never makes a commit, and every client waiting on it, queue for a connection.
 */
public final class Database {

  private final Pool pool;
  private final Pool commitPool;

  public Database(Vertx vertx, DbSettings settings, int poolSize, int commitPoolSize) {
    MySQLConnectOptions connect = settings.connectOptions(vertx.isNativeTransportEnabled());
    this.pool = build(vertx, connect, poolSize, "chargeshare");
    this.commitPool = build(vertx, new MySQLConnectOptions(connect), commitPoolSize, "chargeshare-commits");
  }

  private static Pool build(Vertx vertx, MySQLConnectOptions connect, int size, String name) {
    return MySQLBuilder.pool()
      .with(new PoolOptions().setMaxSize(size).setMaxWaitQueueSize(10_000).setName(name)
        .setShared(false).setConnectionTimeout(5).setIdleTimeout(60))
      .connectingTo(connect)
      .using(vertx)
      .build();
  }

  public Pool pool() {
    return pool;
  }

  public Pool commitPool() {
    return commitPool;
  }

  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    return Future.all(pool.close(), commitPool.close()).mapEmpty();
  }
}
