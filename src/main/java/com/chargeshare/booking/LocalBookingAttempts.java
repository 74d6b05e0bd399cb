package com.chargeshare.booking;

import io.vertx.core.Future;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's count of booking attempts per user in a sliding minute, an {@link AttemptRing} per user. Shared by
 * every HTTP verticle of the node; a clustered node counts in the cluster instead ({@code cluster/ClusterBookingAttempts}).
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
    long now = clock.millis();
    AttemptRing ring = rings.computeIfAbsent(userId, id -> new AttemptRing(limit));
    long waitMillis;
    synchronized (ring) {
      waitMillis = ring.take(now);
    }
    return BookingAttempts.verdict(waitMillis);
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
