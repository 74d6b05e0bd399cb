package com.chargeshare.booking;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** id_sequences: blocks of ids reserved atomically, so several nodes never hand out the same id. */
public final class IdSequences {

  private static final String ALLOCATE = "UPDATE id_sequences SET next_value = LAST_INSERT_ID(next_value + ?) WHERE name = ?";

  /** The commit pool: group commits reserve ids on the connections kept for them. */
  private final Pool pool;

  public IdSequences(Pool pool) {
    this.pool = pool;
  }

  /** Reserves {@code count} consecutive ids of a sequence; answers the first. */
  Future<Long> allocate(String sequence, int count) {
    return pool.preparedQuery(ALLOCATE).execute(Tuple.of(count, sequence))
      .map(rows -> (long) rows.property(MySQLClient.LAST_INSERTED_ID) - count);
  }
}
