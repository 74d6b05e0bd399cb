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
    "SELECT status_code, response, request_fingerprint FROM idempotency_keys WHERE user_id = ? AND idem_key = ? AND created_at > ?";
  private static final String PUT = "INSERT IGNORE INTO idempotency_keys (user_id, idem_key, status_code, response, request_fingerprint, "
    + "created_at) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String PURGE = "DELETE FROM idempotency_keys WHERE created_at < ? LIMIT 10000";

  private final Pool pool;

  public IdempotencyRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<Found>> answer(long userId, String key, Instant notBefore) {
    return pool.preparedQuery(GET).execute(Tuple.of(userId, key, toDb(notBefore)))
      .map(rows -> {
        if (rows.size() == 0) {
          return Optional.empty();
        }
        var row = rows.iterator().next();
        return Optional.of(new Found(new StoredAnswer(row.getInteger("status_code"), row.getString("response")),
          row.getString("request_fingerprint")));
      });
  }

  Future<Void> store(BookingEngine.BookRequest request, StoredAnswer answer, Instant at) {
    return store(pool, List.of(Kept.of(request, answer, at))).mapEmpty();
  }

  /** Keeps answers through the given client: a booking's transaction keeps its 201 beside the booking. */
  Future<?> store(SqlClient client, List<Kept> kept) {
    return client.preparedQuery(PUT).executeBatch(kept.stream()
      .map(k -> Tuple.from(List.of(k.userId(), k.key(), k.answer().status(), k.answer().body(), k.fingerprint(), toDb(k.at()))))
      .toList());
  }

  Future<Integer> purge(Instant before) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(toDb(before))).map(rows -> rows.rowCount());
  }

  /** One driver's key and the answer it gets. */
  record Kept(long userId, String key, String fingerprint, StoredAnswer answer, Instant at) {

    static Kept of(BookingEngine.BookRequest request, StoredAnswer answer, Instant at) {
      return new Kept(request.driverId(), request.idempotencyKey(), request.fingerprint(), answer, at);
    }
  }

  /** A kept answer and what it answered (null for answers kept before fingerprints were). */
  record Found(StoredAnswer answer, String fingerprint) {

    boolean answers(BookingEngine.BookRequest request) {
      return fingerprint == null || fingerprint.equals(request.fingerprint());
    }
  }
}
