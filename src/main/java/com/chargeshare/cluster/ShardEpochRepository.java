package com.chargeshare.cluster;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.HashMap;
import java.util.Map;

/**
 * The fencing epochs of booking shards in MySQL. A node that takes a shard advances its epoch before it rebuilds
 * the shard; each group commit then reads the epoch under a shared lock inside its own transaction, so a takeover
 * either waits for that commit (and rebuilds with it) or has already moved the epoch on (and the commit fails).
 */
public final class ShardEpochRepository {

  private static final String ADVANCE = "INSERT INTO shard_epochs (shard, epoch, owner, taken_at) VALUES (?, 1, ?, NOW(3)) "
    + "ON DUPLICATE KEY UPDATE epoch = epoch + 1, owner = VALUES(owner), taken_at = VALUES(taken_at)";
  private static final String EPOCH_OF = "SELECT epoch FROM shard_epochs WHERE shard = ?";
  private static final String CHECK = "SELECT epoch FROM shard_epochs WHERE shard = ? LOCK IN SHARE MODE";
  private static final String ALL = "SELECT shard, epoch, owner FROM shard_epochs";

  private final Pool pool;

  public ShardEpochRepository(Pool pool) {
    this.pool = pool;
  }

  /** Takes the shard for {@code owner}: the new epoch, higher than any before it. */
  public Future<Long> advance(int shard, String owner) {
    return pool.withTransaction(conn -> conn.preparedQuery(ADVANCE).execute(Tuple.of(shard, owner))
      .compose(r -> conn.preparedQuery(EPOCH_OF).execute(Tuple.of(shard)))
      .map(rows -> rows.iterator().next().getLong("epoch")));
  }

  /** Inside a commit's transaction: fails with {@link Fenced} unless the shard is still at {@code epoch}. */
  public static Future<Void> check(SqlConnection conn, int shard, long epoch) {
    return conn.preparedQuery(CHECK).execute(Tuple.of(shard)).compose(rows -> {
      long current = rows.size() == 0 ? -1 : rows.iterator().next().getLong("epoch");
      return current == epoch ? Future.succeededFuture() : Future.failedFuture(new Fenced(shard, epoch, current));
    });
  }

  /** Every shard's current epoch and owner. */
  public Future<Map<Integer, Owner>> all() {
    return pool.query(ALL).execute().map(rows -> {
      Map<Integer, Owner> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getInteger("shard"), new Owner(r.getLong("epoch"), r.getString("owner")));
      }
      return out;
    });
  }

  public record Owner(long epoch, String node) {
  }
}
