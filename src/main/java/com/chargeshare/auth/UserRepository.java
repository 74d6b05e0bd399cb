package com.chargeshare.auth;

import com.chargeshare.db.DbFailures;
import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;
import java.util.Set;

/** Accounts in MySQL, found by the canonical email ({@link EmailAddress#canonical}), compared byte for byte. */
public final class UserRepository {

  private static final String COLUMNS = "id, email, name, role, roles, password_hash, password_prehashed, token_generation";
  private static final String INSERT =
    "INSERT INTO users (email, email_normalized, password_hash, password_prehashed, name, role, roles) VALUES (?, ?, ?, TRUE, ?, ?, ?)";
  private static final String BY_EMAIL = "SELECT " + COLUMNS + " FROM users WHERE email_normalized = ?";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = ?";
  private static final String ROLES = "SELECT role, roles FROM users WHERE id = ?";
  /** Adds a role once: FIND_IN_SET keeps the list free of repeats, whatever runs at the same time. */
  private static final String ADD_ROLE =
    "UPDATE users SET roles = IF(roles = '', ?, CONCAT(roles, ',', ?)) WHERE id = ? AND FIND_IN_SET(?, roles) = 0";
  private static final String CHANGE_PASSWORD =
    "UPDATE users SET password_hash = ?, password_prehashed = TRUE, token_generation = token_generation + 1 WHERE id = ?";
  private static final String GENERATION = "SELECT token_generation FROM users WHERE id = ?";
  private static final String UPGRADE_HASH =
    "UPDATE users SET password_hash = ?, password_prehashed = TRUE WHERE id = ? AND password_hash = ?";

  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  /** Fails with {@link EmailTaken} when the canonical address is registered already. */
  public Future<UserAccount> insert(String email, String passwordHash, String name, Role role) {
    String shown = email.strip();
    return pool.preparedQuery(INSERT)
      .execute(Tuple.of(shown, EmailAddress.canonical(email), passwordHash, name, role.name(), role.name()))
      .map(rows -> new UserAccount(rows.property(MySQLClient.LAST_INSERTED_ID), shown, name, role, Roles.of(role),
        passwordHash, true, 0))
      .recover(err -> DbFailures.isDuplicateKey(err)
        ? Future.failedFuture(new EmailTaken())
        : Future.failedFuture(err));
  }

  /** How many accounts exist; the demo city only fills an empty database. */
  public Future<Long> count() {
    return pool.query("SELECT COUNT(*) AS n FROM users").execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<Optional<UserAccount>> byEmail(String email) {
    return pool.preparedQuery(BY_EMAIL).execute(Tuple.of(EmailAddress.canonical(email))).map(rows -> first(rows.iterator()));
  }

  public Future<Optional<UserAccount>> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows.iterator()));
  }

  /** Every role the user holds now; empty when the account does not exist. */
  public Future<Optional<Set<Role>>> roles(long id) {
    return pool.preparedQuery(ROLES).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(Roles.parse(r.getString("roles"), Role.valueOf(r.getString("role"))));
    });
  }

  /** Gives the user one more role; holding it already changes nothing. */
  public Future<Void> addRole(long id, Role role) {
    return pool.preparedQuery(ADD_ROLE).execute(Tuple.of(role.name(), role.name(), id, role.name())).mapEmpty();
  }

  /** Stores the new hash and raises the token generation; answers the new generation. */
  public Future<Integer> changePassword(long id, String newHash) {
    return pool.withTransaction(conn -> conn.preparedQuery(CHANGE_PASSWORD).execute(Tuple.of(newHash, id))
      .compose(x -> conn.preparedQuery(GENERATION).execute(Tuple.of(id)))
      .map(rows -> rows.iterator().next().getInteger("token_generation")));
  }

  /** Replaces a hash from before the pre-hash, unless the password changed meanwhile. */
  public Future<Void> upgradeHash(long id, String oldHash, String newHash) {
    return pool.preparedQuery(UPGRADE_HASH).execute(Tuple.of(newHash, id, oldHash)).mapEmpty();
  }

  private static Optional<UserAccount> first(java.util.Iterator<Row> it) {
    if (!it.hasNext()) {
      return Optional.empty();
    }
    Row r = it.next();
    Role role = Role.valueOf(r.getString("role"));
    return Optional.of(new UserAccount(r.getLong("id"), r.getString("email"), r.getString("name"),
      role, Roles.parse(r.getString("roles"), role), r.getString("password_hash"), r.getBoolean("password_prehashed"),
      r.getInteger("token_generation")));
  }

  public static final class EmailTaken extends RuntimeException {
    public EmailTaken() {
      super("email taken", null, false, false);
    }
  }
}
