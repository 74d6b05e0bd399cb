package com.chargeshare.auth;

import com.chargeshare.db.DbFailures;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Attempt counters in MySQL, so every node of a cluster counts against the same numbers. Each key counts in
 * a fixed window that opens with its first attempt; keys are SHA-256 hashes, so no email or address is stored.
 */
public final class AttemptRepository {

  // ON DUPLICATE KEY UPDATE assigns left to right: attempts is decided on the old window_ends
  private static final String RESERVE =
    "INSERT INTO auth_attempts (key_hash, attempts, window_ends) VALUES (?, 1, NOW(3) + INTERVAL ? SECOND) "
      + "ON DUPLICATE KEY UPDATE attempts = IF(window_ends <= NOW(3), 1, attempts + 1), "
      + "window_ends = IF(window_ends <= NOW(3), NOW(3) + INTERVAL ? SECOND, window_ends)";
  private static final String READ =
    "SELECT attempts, TIMESTAMPDIFF(SECOND, NOW(3), window_ends) AS seconds_left FROM auth_attempts WHERE key_hash = ?";
  // by primary key alone: a range over window_ends would lock index entries that concurrent reservations hold
  private static final String RELEASE =
    "UPDATE auth_attempts SET attempts = IF(window_ends > NOW(3), GREATEST(attempts - 1, 0), attempts) WHERE key_hash = ?";
  private static final String RESET = "DELETE FROM auth_attempts WHERE key_hash = ?";
  private static final String PURGE = "DELETE FROM auth_attempts WHERE window_ends < NOW(3) LIMIT 10000";

  private final Pool pool;

  public AttemptRepository(Pool pool) {
    this.pool = pool;
  }

  public record Key(byte[] hash, int windowSeconds) {
  }

  /** Attempts counted in the key's window so far (this one included), and seconds until the window closes. */
  public record Count(int attempts, long secondsLeft) {
  }

  /**
   * Counts one attempt under each key and answers the counts. The upsert holds the row lock until the
   * transaction ends, so the count read back is this attempt's own: concurrent attempts get 1, 2, 3, ...
   * Keys are always taken in the caller's fixed order (account, then address); InnoDB may still pick a deadlock
   * victim among inserts next to each other in the index, and that victim is tried again (twice at most).
   */
  public Future<List<Count>> reserve(List<Key> keys) {
    return reserve(keys, 3);
  }

  private Future<List<Count>> reserve(List<Key> keys, int tries) {
    return pool.<List<Count>>withTransaction(conn -> {
      Future<List<Count>> chain = Future.succeededFuture(new ArrayList<>());
      for (Key key : keys) {
        chain = chain.compose(counts -> conn.preparedQuery(RESERVE)
          .execute(Tuple.of(Buffer.buffer(key.hash()), key.windowSeconds(), key.windowSeconds()))
          .compose(x -> conn.preparedQuery(READ).execute(Tuple.of(Buffer.buffer(key.hash()))))
          .map(rows -> {
            Row r = rows.iterator().next();
            counts.add(new Count(r.getInteger("attempts"), r.getLong("seconds_left")));
            return counts;
          }));
      }
      return chain;
    }).recover(e -> tries > 1 && DbFailures.isDeadlock(e) ? reserve(keys, tries - 1) : Future.failedFuture(e));
  }

  /** Gives one attempt back (a login that succeeded does not count against its address). */
  public Future<Void> release(byte[] key) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(Buffer.buffer(key))).mapEmpty();
  }

  /** Forgets the key's attempts (a successful login clears its account's failures). */
  public Future<Void> reset(byte[] key) {
    return pool.preparedQuery(RESET).execute(Tuple.of(Buffer.buffer(key))).mapEmpty();
  }

  /** Drops windows that have closed, so the table holds only live counters. */
  public Future<Void> purge() {
    return pool.query(PURGE).execute().mapEmpty();
  }
}
