package com.chargeshare.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Calendars are kept in 15-minute units (the finest slot length), numbered from the epoch. A booking or block
 * occupies every unit of its window; the database's slot_claims table has one row per occupied unit. Every real
 * time zone is offset from UTC by a whole number of 15-minute units, so local slot boundaries are unit boundaries.
 *
 * <p>Slot boundaries are local: a charger's slots start at each local midnight plus a whole number of slots of
 * elapsed time, counted afresh from every local midnight. On a day of 23 or 25 hours the slots simply restart at
 * the next midnight; should a day's length not divide by the slot, its last slot ends early, at that midnight.
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

  /** The first instant of the local day that holds {@code t} (the first valid time when midnight is skipped). */
  public static Instant dayStart(Instant t, ZoneId zone) {
    return t.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
  }

  private static Instant nextDayStart(Instant t, ZoneId zone) {
    return t.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** The start of the slot that holds {@code t}. */
  public static Instant slotStart(Instant t, ZoneId zone, int slotMinutes) {
    Instant day = dayStart(t, zone);
    long slotSeconds = slotMinutes * 60L;
    long into = Duration.between(day, t).getSeconds();
    return day.plusSeconds(Math.floorDiv(into, slotSeconds) * slotSeconds);
  }

  /** Whether a slot starts (or ends) exactly at {@code t}. */
  public static boolean isBoundary(Instant t, ZoneId zone, int slotMinutes) {
    return t.getNano() == 0 && slotStart(t, zone, slotMinutes).equals(t);
  }

  /** The end of the slot that holds {@code t}: the next boundary after it. */
  public static Instant nextBoundary(Instant t, ZoneId zone, int slotMinutes) {
    Instant next = slotStart(t, zone, slotMinutes).plusSeconds(slotMinutes * 60L);
    Instant midnight = nextDayStart(t, zone);
    return next.isAfter(midnight) ? midnight : next;
  }

  /** The last boundary strictly before {@code t}. */
  public static Instant previousBoundary(Instant t, ZoneId zone, int slotMinutes) {
    return slotStart(t.minusSeconds(1), zone, slotMinutes);
  }

  /**
   * Walks a charger's slots forward from the one holding {@code from}; each local day's bounds are computed once,
   * so a walk over weeks of slots costs little more than the arithmetic.
   */
  public static final class Walk {

    private final ZoneId zone;
    private final long slotSeconds;
    private Instant start;
    private Instant end;
    private Instant dayEnd;

    public Walk(Instant from, ZoneId zone, int slotMinutes) {
      this.zone = zone;
      this.slotSeconds = slotMinutes * 60L;
      this.start = slotStart(from, zone, slotMinutes);
      this.dayEnd = nextDayStart(start, zone);
      this.end = endOf(start);
    }

    public Instant start() {
      return start;
    }

    public Instant end() {
      return end;
    }

    public void advance() {
      start = end;
      if (!start.isBefore(dayEnd)) {
        dayEnd = nextDayStart(start, zone);
      }
      end = endOf(start);
    }

    private Instant endOf(Instant s) {
      Instant e = s.plusSeconds(slotSeconds);
      return e.isAfter(dayEnd) ? dayEnd : e;
    }
  }
}
