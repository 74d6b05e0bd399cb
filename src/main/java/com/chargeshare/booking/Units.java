package com.chargeshare.booking;

import java.time.Instant;

/**
 * Calendars are kept in 15-minute units (the finest slot length), numbered from the epoch. A booking or block
 * occupies every unit of its window; the database's slot_claims table has one row per occupied unit.
 */
public final class Units {

  public static final long SECONDS = 900;

  private Units() {
  }

  public static long of(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), SECONDS);
  }

  public static Instant start(long unit) {
    return Instant.ofEpochSecond(unit * SECONDS);
  }
}
