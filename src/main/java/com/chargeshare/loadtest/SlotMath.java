package com.chargeshare.loadtest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Slot boundaries in UTC epoch seconds, and the ISO-8601 form the API speaks. */
final class SlotMath {

  static final long SLOT_SECONDS = 30 * 60;
  static final long DAY_SECONDS = 24 * 60 * 60;

  private SlotMath() {
  }

  /** The first slot boundary at or after {@code epochSecond}. */
  static long ceilToSlot(long epochSecond) {
    return Math.floorDiv(epochSecond + SLOT_SECONDS - 1, SLOT_SECONDS) * SLOT_SECONDS;
  }

  /** Midnight UTC of the day after {@code epochSecond}. */
  static long nextUtcMidnight(long epochSecond) {
    return (Math.floorDiv(epochSecond, DAY_SECONDS) + 1) * DAY_SECONDS;
  }

  static String iso(long epochSecond) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
  }
}
