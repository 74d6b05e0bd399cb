package com.chargeshare.booking;

import com.chargeshare.failure.DomainFailure;
import com.chargeshare.charger.Charger;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.failure.Conflict;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API.md's rules for a window on a charger, in the order a client would want to hear them. Pure: the caller passes
 * {@code now} (from its Clock). Slot boundaries are the charger's local ones ({@link Units}).
 */
public final class BookingRules {

  private static final Duration MAX_BOOKING = Duration.ofHours(8);
  private static final Duration MAX_BLOCK = Duration.ofDays(30);

  private BookingRules() {
  }

  public static void checkBooking(Charger c, Instant start, Instant end, Instant now, int horizonDays) {
    checkShape(c, start, end, now, horizonDays, MAX_BOOKING, "8 hours");
    if (!c.online()) {
      throw new Conflict(Conflict.Reason.CHARGER_OFFLINE, "This charger is offline at the moment");
    }
    if (!c.openingHours().covers(start, end, c.timeZone())) {
      throw new Conflict(Conflict.Reason.OUTSIDE_OPENING_HOURS, "The charger is not open for the whole window");
    }
  }

  public static void checkBlock(Charger c, Instant start, Instant end, Instant now, int horizonDays) {
    checkShape(c, start, end, now, horizonDays, MAX_BLOCK, "30 days");
  }

  private static void checkShape(Charger c, Instant start, Instant end, Instant now, int horizonDays, Duration max,
                                 String maxText) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (!Units.isBoundary(start, c.timeZone(), c.slotMinutes())) {
      problems.put("start", "must lie on a " + c.slotMinutes() + "-minute slot boundary in " + c.timeZone().getId());
    }
    if (!Units.isBoundary(end, c.timeZone(), c.slotMinutes())) {
      problems.put("end", "must lie on a " + c.slotMinutes() + "-minute slot boundary in " + c.timeZone().getId());
    }
    if (!end.isAfter(start)) {
      problems.putIfAbsent("end", "must be after start");
    } else if (Duration.between(start, end).compareTo(max) > 0) {
      problems.putIfAbsent("end", "must be at most " + maxText + " after start");
    }
    if (start.isBefore(now)) {
      problems.putIfAbsent("start", "must not be in the past");
    } else if (start.isAfter(now.plus(Duration.ofDays(horizonDays)))) {
      problems.putIfAbsent("start", "must be at most " + horizonDays + " days ahead");
    }
    if (!problems.isEmpty()) {
      throw ValidationFailed.fields(problems);
    }
  }

  /** The price lock: the total the server would charge for the window differs from the one the client showed. */
  public static Conflict priceChanged(Charger c, long priceMinor) {
    return new Conflict(Conflict.Reason.PRICE_CHANGED, "The price of this window has changed; please confirm the new total",
      Map.of("priceMinor", priceMinor, "currency", c.currency()));
  }

  /** Whether a window would pass every rule; used when the engine looks for alternatives. */
  public static boolean allows(Charger c, Instant start, Instant end, Instant now, int horizonDays) {
    try {
      checkBooking(c, start, end, now, horizonDays);
      return true;
    } catch (DomainFailure e) {
      return false;
    }
  }
}
