package com.chargeshare.auth;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which tokens no longer count, kept in memory so checking one costs a map look-up. MySQL holds the record
 * ({@link RevocationRepository}); this node applies its own revocations at once and reads those of other nodes
 * every {@code pollMillis}, so a token revoked anywhere is refused everywhere within that time.
 */
public final class TokenRevocations {

  private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);

  private final RevocationRepository repository;
  /** jti → when this entry may be forgotten (the token has expired by then), in this JVM's millis. */
  private final Map<String, Long> revoked = new ConcurrentHashMap<>();
  private final Map<Long, Cutoff> cutoffs = new ConcurrentHashMap<>();
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile long lastId;

  private record Cutoff(int minGeneration, String keptJti, long forgetAt) {
  }

  public TokenRevocations(RevocationRepository repository) {
    this.repository = repository;
  }

  /**
   * Reads every live revocation (before the node takes requests), then keeps up with new ones. A node starting
   * beside a busy database may not get a connection at once: the first read is tried again, a second apart,
   * until it succeeds (the caller bounds the wait).
   */
  public Future<Void> start(Vertx vertx, long pollMillis) {
    return firstRead(vertx).onSuccess(v -> {
      vertx.setPeriodic(pollMillis, id -> poll());
      vertx.setPeriodic(600_000, id -> {
        long now = System.currentTimeMillis();
        revoked.values().removeIf(forgetAt -> forgetAt < now);
        cutoffs.values().removeIf(c -> c.forgetAt() < now);
        repository.purge();
      });
    });
  }

  public boolean isRevoked(Principal p) {
    if (p.tokenId() != null && revoked.containsKey(p.tokenId())) {
      return true;
    }
    Cutoff c = cutoffs.get(p.id());
    return c != null && p.generation() < c.minGeneration() && !c.keptJti().equals(p.tokenId());
  }

  /** Logout: this token only. */
  public Future<Void> revoke(Principal p, long secondsLeft) {
    return repository.revokeToken(p.id(), p.tokenId(), secondsLeft)
      .onSuccess(v -> revoked.put(p.tokenId(), forgetAt(secondsLeft)));
  }

  /** Password change: every token of the user from before {@code minGeneration}, except the one in {@code kept}. */
  public Future<Void> cutOff(Principal kept, int minGeneration, long tokenTtlSeconds) {
    return repository.cutOff(kept.id(), minGeneration, kept.tokenId(), tokenTtlSeconds)
      .onSuccess(v -> apply(kept.id(), new Cutoff(minGeneration, kept.tokenId(), forgetAt(tokenTtlSeconds))));
  }

  private Future<Void> firstRead(Vertx vertx) {
    return poll().recover(e -> {
      Promise<Void> again = Promise.promise();
      vertx.setTimer(1_000, id -> firstRead(vertx).onComplete(again));
      return again.future();
    });
  }

  private Future<Void> poll() {
    if (!polling.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    // re-reads the last rows seen: an id handed out earlier may commit a moment after a later one
    return repository.since(Math.max(0, lastId - 100)).map(rows -> {
      for (RevocationRepository.Revocation r : rows) {
        if (r.jti() != null) {
          revoked.put(r.jti(), forgetAt(r.secondsLeft()));
        } else if (r.minGeneration() != null) {
          apply(r.userId(), new Cutoff(r.minGeneration(), r.keptJti() == null ? "" : r.keptJti(), forgetAt(r.secondsLeft())));
        }
        lastId = Math.max(lastId, r.id());
      }
      return (Void) null;
    }).onComplete(ar -> {
      polling.set(false);
      if (ar.failed()) {
        log.warn("Could not read token revocations: {}", ar.cause().getMessage());
      }
    });
  }

  /** Generations only rise: a later cut-off covers every earlier one. */
  private void apply(long userId, Cutoff c) {
    cutoffs.merge(userId, c, (old, neu) -> neu.minGeneration() >= old.minGeneration() ? neu : old);
  }

  private static long forgetAt(long secondsLeft) {
    // a minute's margin for clocks: the token's own expiry check ends it anyway
    return System.currentTimeMillis() + (secondsLeft + 60) * 1000;
  }
}
