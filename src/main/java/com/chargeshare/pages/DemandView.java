package com.chargeshare.pages;

import com.chargeshare.dashboard.HostStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's one demand heatmap: booked 15-minute slots by local weekday and hour, for all the host's chargers
 * together or for the one chosen ({@code ?demand=id}). One grid of 7 × 24 cells instead of one per charger keeps
 * the page light; the choice lists every charger by its {@link ChargerLabels label}.
 */
record DemandView(String title, String timeZones, long total, long selected, List<Choice> choices, List<String> hours,
                  List<Row> rows) {

  private static final String[] DAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

  /** An option of the charger choice; id 0 is all chargers. */
  record Choice(long id, String label, boolean selected) {
  }

  record Row(String day, List<Cell> cells) {
  }

  /** {@code level} 0 for none, then 1–4 by quarters of the busiest hour; {@code title} says it in words. */
  record Cell(long units, int level, String title) {
  }

  static DemandView of(HostStats.DemandWindow window, long wanted, ChargerLabels labels) {
    HostStats.Demand one = window.chargers().stream().filter(d -> d.charger().id() == wanted).findFirst().orElse(null);
    long[][] units = new long[7][24];
    List<String> zones = new ArrayList<>();
    for (HostStats.Demand d : window.chargers()) {
      if (one != null && d != one) {
        continue;
      }
      String zone = d.charger().timeZone().getId();
      if (!zones.contains(zone)) {
        zones.add(zone);
      }
      for (int day = 0; day < 7; day++) {
        for (int hour = 0; hour < 24; hour++) {
          units[day][hour] += d.units()[day][hour];
        }
      }
    }
    long max = 0;
    long total = 0;
    for (long[] day : units) {
      for (long u : day) {
        max = Math.max(max, u);
        total += u;
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int day = 0; day < 7; day++) {
      List<Cell> cells = new ArrayList<>();
      for (int hour = 0; hour < 24; hour++) {
        long u = units[day][hour];
        cells.add(new Cell(u, u == 0 ? 0 : 1 + (int) Math.min(3, (u * 4 - 1) / max),
          String.format(Locale.ROOT, "%s %02d:00: %d booked slot%s", DAY_NAMES[day], hour, u, u == 1 ? "" : "s")));
      }
      rows.add(new Row(DAY_NAMES[day], cells));
    }
    List<String> hours = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      hours.add(String.valueOf(hour));
    }
    long selected = one == null ? 0 : one.charger().id();
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(0, "All chargers", selected == 0));
    window.chargers().forEach(d -> choices.add(new Choice(d.charger().id(), labels.label(d.charger().id()),
      d.charger().id() == selected)));
    return new DemandView(one == null ? "All chargers" : labels.label(selected), String.join(", ", zones), total, selected,
      choices, hours, rows);
  }
}
