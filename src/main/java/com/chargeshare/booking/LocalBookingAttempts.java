package com.chargeshare.booking;

import com.chargeshare.failure.RateLimited;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's count of booking attempts per user in a sliding minute: the times of a user's last {@code limit}
 * attempts in a ring, so an attempt is allowed when the oldest of them is a minute old. Shared by every HTTP verticle
 * of the node; refused attempts are not counted, so a client that waits as told gets through.
 */
public final class LocalBookingAttempts implements BookingAttempts {

  private static final long WINDOW_MILLIS = 60_000;

  private final int limit;
  private final Clock clock;
  private final Map<Long, Ring> rings = new ConcurrentHashMap<>();

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
    Ring ring = rings.computeIfAbsent(userId, id -> new Ring(limit));
    long waitMillis;
    synchronized (ring) {
      waitMillis = ring.take(now);
    }
    return waitMillis == 0 ? Future.succeededFuture()
      : Future.failedFuture(new RateLimited("Too many booking attempts; try again shortly",
        Duration.ofMillis(waitMillis).plusMillis(999).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }

  /** Drops users idle for a minute, so the map holds only the active ones. */
  public void sweep() {
    long cutoff = clock.millis() - WINDOW_MILLIS;
    rings.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().newest() <= cutoff;
      }
    });
  }

  private static final class Ring {
    private final long[] times;
    private int next;
    private int size;

    Ring(int limit) {
      this.times = new long[limit];
    }

    /** 0 and counted when allowed; else how long until the oldest counted attempt leaves the window. */
    long take(long now) {
      if (size == times.length) {
        long oldest = times[next];
        if (now - oldest < WINDOW_MILLIS) {
          return WINDOW_MILLIS - (now - oldest);
        }
      } else {
        size++;
      }
      times[next] = now;
      next = (next + 1) % times.length;
      return 0;
    }

    long newest() {
      return size == 0 ? Long.MIN_VALUE : times[(next - 1 + times.length) % times.length];
    }
  }
}
