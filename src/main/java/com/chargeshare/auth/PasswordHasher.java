package com.chargeshare.auth;

import com.chargeshare.failure.RateLimited;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * bcrypt (Bouncy Castle), salted and deliberately slow. It runs on a small worker pool of its own with a bounded
 * queue, never on an event loop nor on the shared worker pool, so a storm of logins can use at most those
 * threads and cannot starve searches and bookings of CPU.
 *
 * <p>bcrypt reads at most 72 bytes, so new hashes are taken over an HMAC-SHA-256 pre-hash of the whole password
 * (44 base64 characters): nothing is silently cut. Hashes stored before that ({@code prehashed = false}) are
 * checked as they were made.
 */
public final class PasswordHasher {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** A fixed domain-separation key: the pre-hash of a password is not its plain SHA-256 found in leaked lists. */
  private static final byte[] PREHASH_KEY = "chargeshare/password/v2".getBytes(StandardCharsets.US_ASCII);

  private final WorkerExecutor workers;
  private final int maxQueued;
  private final AtomicInteger queued = new AtomicInteger();
  private final int cost;
  /** Checked against when the account does not exist, so a wrong email costs as long as a wrong password. */
  private final String decoy;

  /** {@code threads}: the bcrypt share of the machine; {@code maxQueued}: hashes waiting beyond which we refuse. */
  public PasswordHasher(Vertx vertx, int cost, int threads, int maxQueued) {
    this.workers = vertx.createSharedWorkerExecutor("chargeshare-bcrypt", threads);
    this.maxQueued = maxQueued;
    this.cost = cost;
    this.decoy = hashNow("not-a-real-password-" + RANDOM.nextLong());
  }

  /** bcrypt's share when none is configured: half the cores, at least one thread. */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  public Future<String> hash(String password) {
    return run(() -> hashNow(password));
  }

  /** Whether {@code password} matches; {@code hashOrNull == null} (no such account) costs the same and is false. */
  public Future<Boolean> verify(String password, String hashOrNull, boolean prehashed) {
    String hash = hashOrNull == null ? decoy : hashOrNull;
    boolean pre = hashOrNull == null || prehashed;
    if (!pre && password.getBytes(StandardCharsets.UTF_8).length > 72) {
      // such a hash was made when longer passwords were refused: this one cannot be it
      return Future.succeededFuture(false);
    }
    return run(() -> OpenBSDBCrypt.checkPassword(hash, (pre ? prehash(password) : password).toCharArray()) && hashOrNull != null);
  }

  private <T> Future<T> run(java.util.concurrent.Callable<T> work) {
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      return Future.failedFuture(new RateLimited("Too many logins at once; try again in a moment", Duration.ofSeconds(1)));
    }
    return workers.executeBlocking(work, false).andThen(ar -> queued.decrementAndGet());
  }

  private String hashNow(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", prehash(password).getBytes(StandardCharsets.US_ASCII), salt, cost);
  }

  static String prehash(String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(PREHASH_KEY, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
