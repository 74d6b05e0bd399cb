package com.chargeshare.text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Booking windows and times in a zone (the charger's: a driver elsewhere reads the time at the charger). A window
 * that ends at the midnight after its start ends at "24:00" of its day, not at "00:00" of the next.
 */
public final class Windows {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

  private Windows() {
  }

  /** {@code Tue 10 Mar 2026, 14:00–15:30 IST}; a window over midnight names both days. */
  public static String window(Instant start, Instant end, ZoneId zone) {
    ZonedDateTime s = start.atZone(zone);
    ZonedDateTime e = end.atZone(zone);
    String zoneName = ZONE.format(s);
    String sameDayEnd = endOfSameDay(s, e);
    if (sameDayEnd != null) {
      return DAY.format(s) + ", " + TIME.format(s) + "–" + sameDayEnd + " " + zoneName;
    }
    return DAY.format(s) + ", " + TIME.format(s) + " – " + SHORT_DAY.format(e) + ", " + TIME.format(e) + " " + zoneName;
  }

  /** {@code 14:00–15:30 IST}: the window's times alone, for lists already grouped by day. */
  public static String times(Instant start, Instant end, ZoneId zone) {
    ZonedDateTime s = start.atZone(zone);
    ZonedDateTime e = end.atZone(zone);
    String sameDayEnd = endOfSameDay(s, e);
    String endText = sameDayEnd != null ? sameDayEnd : SHORT_DAY.format(e) + " " + TIME.format(e);
    return TIME.format(s) + "–" + endText + " " + ZONE.format(s);
  }

  /** A time of day in the zone, "10:05". */
  public static String time(Instant t, ZoneId zone) {
    return TIME.format(t.atZone(zone));
  }

  /** "Thu 3 Dec 2026". */
  public static String day(LocalDate d) {
    return DAY.format(d);
  }

  /** The end's time when the window ends on its start's day, "24:00" when at the midnight after it, else null. */
  private static String endOfSameDay(ZonedDateTime s, ZonedDateTime e) {
    if (e.toLocalDate().equals(s.toLocalDate())) {
      return TIME.format(e);
    }
    return e.toLocalDate().equals(s.toLocalDate().plusDays(1)) && e.toLocalTime().equals(LocalTime.MIDNIGHT)
      ? "24:00" : null;
  }
}
