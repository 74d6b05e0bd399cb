package com.chargeshare.auth;

import com.chargeshare.db.DbFailures;
import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;

/** Accounts in MySQL. */
public final class UserRepository {

  private static final String INSERT =
    "INSERT INTO users (email, email_normalized, password_hash, name, role) VALUES (?, ?, ?, ?, ?)";
  private static final String BY_EMAIL =
    "SELECT id, email, name, role, password_hash FROM users WHERE email_normalized = ?";
  private static final String BY_ID =
    "SELECT id, email, name, role, password_hash FROM users WHERE id = ?";

  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  public static String normalize(String email) {
    return email.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** Fails with {@link EmailTaken} when the address is registered already, whatever its case. */
  public Future<UserAccount> insert(String email, String passwordHash, String name, Role role) {
    return pool.preparedQuery(INSERT)
      .execute(Tuple.of(email.trim(), normalize(email), passwordHash, name, role.name()))
      .map(rows -> new UserAccount(rows.property(MySQLClient.LAST_INSERTED_ID), email.trim(), name, role, passwordHash))
      .recover(err -> DbFailures.isDuplicateKey(err)
        ? Future.failedFuture(new EmailTaken())
        : Future.failedFuture(err));
  }

  /** How many accounts exist; the demo city only fills an empty database. */
  public Future<Long> count() {
    return pool.query("SELECT COUNT(*) AS n FROM users").execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<Optional<UserAccount>> byEmail(String email) {
    return pool.preparedQuery(BY_EMAIL).execute(Tuple.of(normalize(email))).map(rows -> first(rows.iterator()));
  }

  public Future<Optional<UserAccount>> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows.iterator()));
  }

  private static Optional<UserAccount> first(java.util.Iterator<Row> it) {
    if (!it.hasNext()) {
      return Optional.empty();
    }
    Row r = it.next();
    return Optional.of(new UserAccount(r.getLong("id"), r.getString("email"), r.getString("name"),
      Role.valueOf(r.getString("role")), r.getString("password_hash")));
  }

  public static final class EmailTaken extends RuntimeException {
    public EmailTaken() {
      super("email taken", null, false, false);
    }
  }
}
