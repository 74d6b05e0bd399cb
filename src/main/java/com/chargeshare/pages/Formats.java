package com.chargeshare.pages;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/** What only pages write: a booking's state, hours, shares and coordinates (money and times: {@code text}). */
public final class Formats {

  private Formats() {
  }

  /**
   * A booking's state in a word or two for the pages: "Awaiting payment", "Hold expired", "No-show", "Cancelled",
   * "Checked in", "Charging now", "Done" or "Confirmed".
   */
  public static String status(com.chargeshare.booking.Booking b, Instant now) {
    return switch (b.status()) {
      case PENDING_PAYMENT -> "Awaiting payment";
      case EXPIRED -> "Hold expired";
      case NO_SHOW -> "No-show";
      case CANCELLED -> "Cancelled";
      case CONFIRMED -> b.life().checkedInAt() != null ? "Checked in" : !b.end().isAfter(now) ? "Done"
        : !b.start().isAfter(now) ? "Charging now" : "Confirmed";
    };
  }

  /** Hours with at most one decimal: 1.5, 24, 0.25 → 0.3. */
  public static String hours(long seconds) {
    double h = Math.round(seconds / 360.0) / 10.0;
    return h == Math.rint(h) ? String.valueOf((long) h) : String.valueOf(h);
  }

  /** A share as a percentage with one decimal, or a dash when it is undefined. */
  public static String percent(Double share) {
    return share == null ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** Coordinates in links, always with a dot, never in exponent form. */
  public static String coordinate(double v) {
    return BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
