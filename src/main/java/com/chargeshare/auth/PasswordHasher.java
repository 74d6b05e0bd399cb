package com.chargeshare.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * bcrypt (Bouncy Castle), salted and deliberately slow, so it runs on worker threads, never an event loop.
 * bcrypt reads at most 72 bytes of a password, so longer ones are refused rather than silently cut.
 */
public final class PasswordHasher {

  public static final int MAX_PASSWORD_BYTES = 72;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final int cost;
  /** Checked against when the account does not exist, so a wrong email costs as long as a wrong password. */
  private final String decoy;

  public PasswordHasher(Vertx vertx, int cost) {
    this.vertx = vertx;
    this.cost = cost;
    this.decoy = hashNow("not-a-real-password-" + RANDOM.nextLong());
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  public Future<Boolean> verify(String password, String hashOrNull) {
    String hash = hashOrNull == null ? decoy : hashOrNull;
    return vertx.executeBlocking(() -> OpenBSDBCrypt.checkPassword(hash, password.toCharArray()) && hashOrNull != null,
      false);
  }

  private String hashNow(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", password.getBytes(StandardCharsets.UTF_8), salt, cost);
  }
}
