package com.chargeshare.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;


/** The shared reactive pool and the database health probe. */
public final class Database {

  private final Pool pool;

  public Database(Vertx vertx, DbSettings settings, int poolSize) {
    this.pool = MySQLBuilder.pool()
      .with(new PoolOptions().setMaxSize(poolSize).setMaxWaitQueueSize(10_000).setName("chargeshare")
        .setShared(false).setConnectionTimeout(5).setIdleTimeout(60))
      .connectingTo(settings.connectOptions())
      .using(vertx)
      .build();
  }

  public Pool pool() {
    return pool;
  }

  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    return pool.close();
  }
}
