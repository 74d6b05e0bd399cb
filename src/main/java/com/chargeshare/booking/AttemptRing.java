package com.chargeshare.booking;

import java.io.Serializable;

/**
 * The times of a user's last {@code limit} booking attempts: an attempt is allowed when the oldest of them is a
 * minute old. Refused attempts are not counted, so a client that waits as told gets through. One node keeps rings
 * in memory ({@link LocalBookingAttempts}); a cluster keeps them in a distributed map, where each user's ring is
 * changed only on the member that owns its key (hence serializable). Not thread-safe: callers serialise access.
 */
public final class AttemptRing implements Serializable {

  public static final long WINDOW_MILLIS = 60_000;
  private static final long serialVersionUID = 1L;

  private final long[] times;
  private int next;
  private int size;

  public AttemptRing(int limit) {
    this.times = new long[limit];
  }

  /** 0, and counted, when allowed; else how long until the oldest counted attempt leaves the window. */
  public long take(long now) {
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

  /** The time of the last counted attempt, or {@code Long.MIN_VALUE} before the first. */
  public long newest() {
    return size == 0 ? Long.MIN_VALUE : times[(next - 1 + times.length) % times.length];
  }

  /** A limit lowered or raised by a new configuration starts a fresh ring. */
  public boolean holds(int limit) {
    return times.length == limit;
  }
}
