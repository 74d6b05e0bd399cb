package com.chargeshare.dashboard;

import com.chargeshare.charger.OpeningHours;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How long a charger is open within a window: the denominator of utilization. Computed in Java rather than
 * SQL because opening hours are weekly local-time windows in the charger's own IANA zone, and MySQL's zone
 * tables are not guaranteed to be loaded; java.time resolves daylight-saving shifts exactly. Always open
 * counts 24 hours a day; nothing else (blocks, offline spells) is subtracted.
 */
public final class OpenTime {

  private OpenTime() {
  }

  public static long openSeconds(OpeningHours hours, ZoneId zone, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return 0;
    }
    if (hours.alwaysOpen()) {
      return Duration.between(from, to).getSeconds();
    }
    long total = 0;
    // a window late on the previous local day may still reach into [from, to) after midnight UTC
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
      for (int[] span : mergedSpans(hours, day.getDayOfWeek().getValue())) {
        Instant open = day.atStartOfDay().plusMinutes(span[0]).atZone(zone).toInstant();
        Instant close = day.atStartOfDay().plusMinutes(span[1]).atZone(zone).toInstant();
        Instant a = open.isAfter(from) ? open : from;
        Instant b = close.isBefore(to) ? close : to;
        if (b.isAfter(a)) {
          total += Duration.between(a, b).getSeconds();
        }
      }
    }
    return total;
  }

  /** The day's windows with overlaps merged, so hours entered twice are not counted twice. */
  private static List<int[]> mergedSpans(OpeningHours hours, int day) {
    List<int[]> spans = new ArrayList<>();
    hours.windows().stream().filter(w -> w.day() == day)
      .sorted(Comparator.comparingInt(OpeningHours.Window::openMinute))
      .forEach(w -> {
        int[] lastSpan = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (lastSpan != null && w.openMinute() <= lastSpan[1]) {
          lastSpan[1] = Math.max(lastSpan[1], w.closeMinute());
        } else {
          spans.add(new int[]{w.openMinute(), w.closeMinute()});
        }
      });
    return spans;
  }
}
