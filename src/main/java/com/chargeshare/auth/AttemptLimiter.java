package com.chargeshare.auth;

import com.chargeshare.failure.RateLimited;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits password guessing and sign-up floods. An attempt is reserved before its password is hashed or checked,
 * so parallel attempts cannot all slip past a check made before the (slow, asynchronous) bcrypt: with a limit of
 * 5, the 6th concurrent attempt is refused however many arrive at once. Counts live in MySQL (one atomic upsert
 * per key), so they hold across the nodes of a cluster. A limit of 0 switches that limit off.
 */
public final class AttemptLimiter {

  private final AttemptRepository counters;
  private final Limits limits;

  /** Failed logins per account and per address in one window; registrations per address in another. */
  public record Limits(int perAccount, int perAddress, int windowSeconds, int registrationsPerAddress,
                       int registrationWindowSeconds) {
  }

  public AttemptLimiter(AttemptRepository counters, Limits limits) {
    this.counters = counters;
    this.limits = limits;
  }

  /**
   * Reserves a login (or password-change) attempt against the account, keyed by {@link EmailAddress#limitKey}
   * so look-alike addresses share one budget, and against the client address.
   */
  public Future<Reservation> password(String email, String address) {
    byte[] account = key("account", EmailAddress.limitKey(email));
    byte[] client = key("address", address);
    List<AttemptRepository.Key> keys = new ArrayList<>();
    List<Integer> caps = new ArrayList<>();
    if (limits.perAccount() > 0) {
      keys.add(new AttemptRepository.Key(account, limits.windowSeconds()));
      caps.add(limits.perAccount());
    }
    if (limits.perAddress() > 0) {
      keys.add(new AttemptRepository.Key(client, limits.windowSeconds()));
      caps.add(limits.perAddress());
    }
    return check(keys, caps, "Too many failed logins; wait a few minutes and try again")
      .map(v -> new Reservation(account, limits.perAccount() > 0, client, limits.perAddress() > 0));
  }

  /** Counts a sign-up attempt from this address, whatever its outcome. */
  public Future<Void> registration(String address) {
    if (limits.registrationsPerAddress() <= 0) {
      return Future.succeededFuture();
    }
    return check(List.of(new AttemptRepository.Key(key("register", address), limits.registrationWindowSeconds())),
      List.of(limits.registrationsPerAddress()), "Too many sign-ups from this address; try again later");
  }

  private Future<Void> check(List<AttemptRepository.Key> keys, List<Integer> caps, String message) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return counters.reserve(keys).compose(counts -> {
      long wait = 0;
      for (int i = 0; i < counts.size(); i++) {
        if (counts.get(i).attempts() > caps.get(i)) {
          wait = Math.max(wait, Math.max(1, counts.get(i).secondsLeft()));
        }
      }
      return wait == 0 ? Future.succeededFuture() : Future.failedFuture(new RateLimited(message, Duration.ofSeconds(wait)));
    });
  }

  public Future<Void> purge() {
    return counters.purge();
  }

  private static byte[] key(String scope, String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest((scope + ":" + value).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One reserved attempt: it stays counted as a failure unless {@link #succeeded()} gives it back. */
  public final class Reservation {
    private final byte[] account;
    private final boolean accountCounted;
    private final byte[] address;
    private final boolean addressCounted;

    private Reservation(byte[] account, boolean accountCounted, byte[] address, boolean addressCounted) {
      this.account = account;
      this.accountCounted = accountCounted;
      this.address = address;
      this.addressCounted = addressCounted;
    }

    /** The right password: the account's failures are forgiven and the address gets its attempt back. */
    public Future<Void> succeeded() {
      return Future.all(accountCounted ? counters.reset(account) : Future.succeededFuture(),
        addressCounted ? counters.release(address) : Future.succeededFuture()).mapEmpty();
    }
  }
}
