package com.chargeshare.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Token revocations in MySQL, the record every node reads. Expiry is reckoned on the database's clock. */
public final class RevocationRepository {

  private static final String REVOKE_TOKEN =
    "INSERT INTO token_revocations (user_id, jti, expires_at) VALUES (?, ?, NOW(3) + INTERVAL ? SECOND)";
  private static final String CUT_OFF =
    "INSERT INTO token_revocations (user_id, min_generation, kept_jti, expires_at) VALUES (?, ?, ?, NOW(3) + INTERVAL ? SECOND)";
  private static final String SINCE =
    "SELECT id, user_id, jti, min_generation, kept_jti, TIMESTAMPDIFF(SECOND, NOW(3), expires_at) AS seconds_left "
      + "FROM token_revocations WHERE id > ? AND expires_at > NOW(3) ORDER BY id LIMIT 10000";
  private static final String PURGE = "DELETE FROM token_revocations WHERE expires_at < NOW(3) LIMIT 10000";

  private final Pool pool;

  public RevocationRepository(Pool pool) {
    this.pool = pool;
  }

  /** One row: a single token ({@code jti}) or a cut-off (tokens below {@code minGeneration} but {@code keptJti}). */
  public record Revocation(long id, long userId, String jti, Integer minGeneration, String keptJti, long secondsLeft) {
  }

  public Future<Void> revokeToken(long userId, String jti, long secondsLeft) {
    return pool.preparedQuery(REVOKE_TOKEN).execute(Tuple.of(userId, jti, Math.max(1, secondsLeft))).mapEmpty();
  }

  public Future<Void> cutOff(long userId, int minGeneration, String keptJti, long secondsLeft) {
    return pool.preparedQuery(CUT_OFF).execute(Tuple.of(userId, minGeneration, keptJti, Math.max(1, secondsLeft))).mapEmpty();
  }

  /** Live rows written after {@code lastId}, oldest first. */
  public Future<List<Revocation>> since(long lastId) {
    return pool.preparedQuery(SINCE).execute(Tuple.of(lastId)).map(rows -> {
      List<Revocation> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new Revocation(r.getLong("id"), r.getLong("user_id"), r.getString("jti"), r.getInteger("min_generation"),
          r.getString("kept_jti"), r.getLong("seconds_left")));
      }
      return out;
    });
  }

  public Future<Void> purge() {
    return pool.query(PURGE).execute().mapEmpty();
  }
}
