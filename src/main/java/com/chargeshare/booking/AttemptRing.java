package com.chargeshare.booking;

/**
 * The times of a user's last {@code limit} booking attempts: an attempt is allowed when the oldest of them is a
 * minute old. Refused attempts are not counted, so a client that waits as told gets through. Kept in memory by
 * {@link LocalBookingAttempts}, on one node or in the driver's ledger owner. Not thread-safe: callers serialise access.
 */
final class AttemptRing {

  static final long WINDOW_MILLIS = 60_000;

  private final long[] times;
  private int next;
  private int size;

  AttemptRing(int limit) {
    this.times = new long[limit];
  }

  /** 0, and counted, when allowed; else how long until the oldest counted attempt leaves the window. */
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

  /** The time of the last counted attempt, or {@code Long.MIN_VALUE} before the first. */
  long newest() {
    return size == 0 ? Long.MIN_VALUE : times[(next - 1 + times.length) % times.length];
  }
}
