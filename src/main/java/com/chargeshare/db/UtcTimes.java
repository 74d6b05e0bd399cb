package com.chargeshare.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from the database's DATETIME columns, which hold UTC. The finest column is DATETIME(3):
 * values go in cut to the millisecond, so MySQL (which rounds extra digits) and MariaDB (which truncates them)
 * store the same value, and a row read back equals what was written.
 */
public final class UtcTimes {

  private UtcTimes() {
  }

  /** Null stays null (an optional column). */
  public static LocalDateTime toDb(Instant t) {
    return t == null ? null : LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }

  public static Instant fromDb(LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }
}
