package com.chargeshare.charger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * Weekly opening windows in the charger's own time zone; no windows means always open. Checks run per
 * 15-minute unit in local time, so they stay right across daylight-saving changes.
 */
public record OpeningHours(List<Window> windows) {

  public static final OpeningHours ALWAYS = new OpeningHours(List.of());
  private static final long UNIT_SECONDS = 900;

  public boolean alwaysOpen() {
    return windows.isEmpty();
  }

  /** True when every 15-minute unit of [start, end) lies inside some window. */
  public boolean covers(Instant start, Instant end, ZoneId zone) {
    if (alwaysOpen()) {
      return true;
    }
    for (long s = start.getEpochSecond(); s < end.getEpochSecond(); s += UNIT_SECONDS) {
      if (!openAt(Instant.ofEpochSecond(s), zone)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the unit starting at this instant is inside opening hours. */
  public boolean openAt(Instant unitStart, ZoneId zone) {
    if (alwaysOpen()) {
      return true;
    }
    ZonedDateTime local = unitStart.atZone(zone);
    int day = local.getDayOfWeek().getValue();
    int minute = local.getHour() * 60 + local.getMinute();
    for (Window w : windows) {
      if (w.day() == day && w.openMinute() <= minute && minute + 15 <= w.closeMinute()) {
        return true;
      }
    }
    return false;
  }

  public JsonArray toJson() {
    JsonArray a = new JsonArray();
    windows.forEach(w -> a.add(new JsonObject().put("day", dayName(w.day())).put("open", hhmm(w.openMinute()))
      .put("close", hhmm(w.closeMinute()))));
    return a;
  }

  public static String dayName(int day) {
    return DayOfWeek.of(day).getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
  }

  public static String hhmm(int minutes) {
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }

  /** One window on a weekday: day 1 = Monday .. 7 = Sunday; minutes from local midnight, close may be 1440. */
  public record Window(int day, int openMinute, int closeMinute) {
  }
}
