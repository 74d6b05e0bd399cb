package com.chargeshare.booking;

import io.vertx.core.Future;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Booking attempts per user in a sliding minute, counted in this process's memory, an {@link AttemptRing} per user:
 * by the db-lock engine and a single node with the driver rules off for every request of the node, and by each
 * driver ledger's owner for its own drivers (in a cluster, every node's requests for them).
 */
public final class LocalBookingAttempts implements BookingAttempts {

  private final int limit;
  private final Clock clock;
  private final Map<Long, AttemptRing> rings = new ConcurrentHashMap<>();

  public LocalBookingAttempts(int limit, Clock clock) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0; use BookingAttempts.UNLIMITED for none");
    }
    this.limit = limit;
    this.clock = clock;
  }

  /** The configured counter: none at 0. */
  public static BookingAttempts perMinute(int limit, Clock clock) {
    return limit <= 0 ? UNLIMITED : new LocalBookingAttempts(limit, clock);
  }

  @Override
  public Future<Void> attempt(long userId) {
    return BookingAttempts.verdict(take(userId));
  }

  /** Counts one attempt and answers 0, or answers how many milliseconds until the next one is allowed. */
  long take(long userId) {
    long now = clock.millis();
    AttemptRing ring = rings.computeIfAbsent(userId, id -> new AttemptRing(limit));
    synchronized (ring) {
      return ring.take(now);
    }
  }

  /** Drops users idle for a minute, so the map holds only the active ones. */
  public void sweep() {
    long cutoff = clock.millis() - AttemptRing.WINDOW_MILLIS;
    rings.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().newest() <= cutoff;
      }
    });
  }
}
