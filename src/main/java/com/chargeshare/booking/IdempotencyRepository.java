package com.chargeshare.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.chargeshare.db.UtcTimes.toDb;

/** idempotency_keys: the answer first given to a driver's Idempotency-Key, kept for the retention period. */
public final class IdempotencyRepository {

  private static final String GET =
    "SELECT status_code, response FROM idempotency_keys WHERE user_id = ? AND idem_key = ? AND created_at > ?";
  private static final String PUT = "INSERT IGNORE INTO idempotency_keys (user_id, idem_key, status_code, response, created_at) "
    + "VALUES (?, ?, ?, ?, ?)";
  private static final String PURGE = "DELETE FROM idempotency_keys WHERE created_at < ? LIMIT 10000";

  private final Pool pool;

  public IdempotencyRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<StoredAnswer>> answer(long userId, String key, Instant notBefore) {
    return pool.preparedQuery(GET).execute(Tuple.of(userId, key, toDb(notBefore)))
      .map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new StoredAnswer(rows.iterator().next().getInteger("status_code"), rows.iterator().next().getString("response"))));
  }

  Future<Void> store(long userId, String key, StoredAnswer answer, Instant at) {
    return store(pool, List.of(new Kept(userId, key, answer, at))).mapEmpty();
  }

  /** Keeps answers through the given client: a booking's transaction keeps its 201 beside the booking. */
  Future<?> store(SqlClient client, List<Kept> kept) {
    return client.preparedQuery(PUT).executeBatch(kept.stream()
      .map(k -> Tuple.of(k.userId(), k.key(), k.answer().status(), k.answer().body(), toDb(k.at()))).toList());
  }

  Future<Integer> purge(Instant before) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(toDb(before))).map(rows -> rows.rowCount());
  }

  /** One driver's key and the answer it gets. */
  record Kept(long userId, String key, StoredAnswer answer, Instant at) {
  }
}
