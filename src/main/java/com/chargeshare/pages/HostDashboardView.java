package com.chargeshare.pages;

import com.chargeshare.booking.BookingStatus;
import com.chargeshare.booking.Block;
import com.chargeshare.booking.Booking;
import com.chargeshare.charger.Charger;
import com.chargeshare.dashboard.BookingView;
import com.chargeshare.dashboard.HostStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What host.peb shows: the host's chargers with their next bookings, blocks and block form, the week's agenda,
 * utilization and earnings per period (with the series host.js charts), and demand by weekday and hour.
 */
record HostDashboardView(List<ChargerCard> chargers, String chargerIds, List<AgendaDay> agenda, List<Period> periods,
                         String chartData, List<Heatmap> demand, int demandWeeks, String flash, String error) {

  private static final int NEXT_BOOKINGS_PER_CHARGER = 3;
  private static final String[] DAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

  /** A charger's card; {@code blockFormOpen} when its block form was refused and is shown again. */
  record ChargerCard(long id, String name, String address, boolean online, String price, int slotMinutes, int slotSeconds,
                     String timeZone, List<BookingLine> next, List<BlockLine> blocks, boolean blockFormOpen,
                     BlockForm blockForm) {
  }

  /**
   * A booking in a card's next bookings or in the agenda; its window with the day, or its times alone. {@code confirmed}:
   * it holds its slots (confirmed, or a hold awaiting payment); {@code label} says its state ("Checked in 10:05",
   * "No-show", "Awaiting payment", ...), {@code checkedIn} and {@code noShow} mark what a host watches for.
   */
  record BookingLine(long id, String chargerName, String driverName, String window, String startIso, String status,
                     boolean confirmed, boolean cancellable, boolean inProgress, boolean over, String price, String label,
                     boolean checkedIn, boolean noShow) {

    static BookingLine of(BookingView v, Instant now, boolean withDay) {
      Booking b = v.booking();
      boolean confirmed = b.status().claims();
      boolean checkedIn = b.life().checkedInAt() != null;
      return new BookingLine(b.id(), v.chargerName(), v.driverName(),
        withDay ? Formats.window(b.start(), b.end(), v.zone()) : Formats.times(b.start(), b.end(), v.zone()),
        b.start().toString(), b.status().name(), confirmed, b.cancellableAt(now),
        b.status() == BookingStatus.CONFIRMED && !b.start().isAfter(now) && b.end().isAfter(now), !b.end().isAfter(now),
        Formats.money(b.priceMinor(), b.currency()),
        checkedIn ? "Checked in " + Formats.time(b.life().checkedInAt(), v.zone())
          : Formats.status(b, now), checkedIn, b.status() == BookingStatus.NO_SHOW);
    }
  }

  record BlockLine(long id, String window, String reason) {
  }

  /** A local day of the agenda: "Today", "Tomorrow" or nothing, then its date. */
  record AgendaDay(String label, String relative, List<BookingLine> bookings) {
  }

  record Period(String key, String label, List<Figures> rows, Figures total) {
  }

  /** A charger's (or all chargers') figures for one period, as text. */
  record Figures(long id, String booked, String open, String utilization, String earnings) {

    static Figures of(HostStats.Figures f) {
      return new Figures(f.chargerId(), Formats.hours(f.bookedSeconds()), Formats.hours(f.openSeconds()),
        Formats.percent(f.utilization()), f.earnedMinor().isEmpty() ? "–" : f.earnedMinor().entrySet().stream()
          .map(e -> Formats.money(e.getValue(), e.getKey())).collect(Collectors.joining(" + ")));
    }
  }

  /** A charger's demand: booked slots per weekday (rows) and hour (cells). */
  record Heatmap(long id, String name, String timeZone, long total, List<HeatmapRow> rows) {
  }

  record HeatmapRow(String day, List<HeatmapCell> cells) {
  }

  /** {@code level} 0 for none, then 1–4 by quarters of the charger's busiest hour. */
  record HeatmapCell(long units, int level, String hour) {
  }

  /** {@code blockForm} is a block form that was refused, shown again on its charger's card. */
  static HostDashboardView of(List<Charger> chargers, List<BookingView> bookings, List<Block> blocks,
                              List<HostStats.PeriodFigures> periods, HostStats.DemandWindow demand, int demandWeeks,
                              Instant now, BlockForm blockForm, String flash, String error) {
    return new HostDashboardView(cards(chargers, bookings, blocks, now, blockForm),
      chargers.stream().map(c -> String.valueOf(c.id())).collect(Collectors.joining(",")), agenda(bookings, now),
      periods.stream().map(p -> new Period(p.period().key, p.period().label,
        p.chargers().stream().map(Figures::of).toList(), Figures.of(p.total()))).toList(),
      chartData(periods).encode(), demand.chargers().stream().map(HostDashboardView::heatmap).toList(), demandWeeks,
      flash, error);
  }

  private static List<ChargerCard> cards(List<Charger> chargers, List<BookingView> bookings, List<Block> blocks, Instant now,
                                         BlockForm blockForm) {
    List<ChargerCard> out = new ArrayList<>();
    for (Charger c : chargers) {
      boolean refused = blockForm != null && blockForm.chargerId() == c.id();
      out.add(new ChargerCard(c.id(), c.name(), c.address(), c.online(), Formats.money(c.pricePerHourMinor(), c.currency()),
        c.slotMinutes(), c.slotMinutes() * 60, c.timeZone().getId(),
        bookings.stream()
          .filter(b -> b.booking().chargerId() == c.id() && b.booking().status().claims()
            && b.booking().end().isAfter(now))
          .limit(NEXT_BOOKINGS_PER_CHARGER)
          .map(b -> BookingLine.of(b, now, true)).toList(),
        blocks.stream().filter(k -> k.chargerId() == c.id())
          .map(k -> new BlockLine(k.id(), Formats.window(k.start(), k.end(), c.timeZone()), k.reason())).toList(),
        refused, refused ? blockForm : BlockForm.empty(c.id())));
    }
    return out;
  }

  /** Today's and the next six days' bookings, grouped by their local day in each charger's zone. */
  private static List<AgendaDay> agenda(List<BookingView> bookings, Instant now) {
    Map<LocalDate, List<BookingLine>> days = new TreeMap<>();
    Map<LocalDate, Long> daysAhead = new HashMap<>();
    for (BookingView v : bookings) {
      LocalDate today = now.atZone(v.zone()).toLocalDate();
      LocalDate day = v.booking().start().atZone(v.zone()).toLocalDate();
      long ahead = ChronoUnit.DAYS.between(today, day);
      if (ahead < 0 || ahead > 6) {
        continue;
      }
      days.computeIfAbsent(day, d -> new ArrayList<>()).add(BookingLine.of(v, now, false));
      daysAhead.putIfAbsent(day, ahead);
    }
    List<AgendaDay> out = new ArrayList<>();
    days.forEach((day, lines) -> {
      long ahead = daysAhead.get(day);
      out.add(new AgendaDay(Formats.day(day), ahead == 0 ? "Today" : ahead == 1 ? "Tomorrow" : "", lines));
    });
    return out;
  }

  /**
   * Series for host.js's charts: utilization in percent and earnings in major units per charger and period.
   * Earnings are charted only in the host's main currency (the first one); the table shows every currency.
   */
  private static JsonObject chartData(List<HostStats.PeriodFigures> periods) {
    JsonArray labels = new JsonArray();
    String currency = periods.isEmpty() || periods.get(0).total().earnedMinor().isEmpty() ? null
      : periods.get(0).total().earnedMinor().keySet().iterator().next();
    if (!periods.isEmpty()) {
      periods.get(0).chargers().forEach(f -> labels.add(f.name()));
    }
    JsonArray series = new JsonArray();
    for (HostStats.PeriodFigures p : periods) {
      JsonArray utilization = new JsonArray();
      JsonArray earnings = new JsonArray();
      for (HostStats.Figures f : p.chargers()) {
        utilization.add(f.utilization() == null ? 0 : Math.round(f.utilization() * 1000) / 10.0);
        earnings.add(currency == null ? 0 : Formats.major(f.earnedMinor().getOrDefault(currency, 0L), currency));
      }
      series.add(new JsonObject().put("key", p.period().key).put("label", p.period().label)
        .put("utilization", utilization).put("earnings", earnings));
    }
    return new JsonObject().put("labels", labels).put("currency", currency).put("series", series);
  }

  private static Heatmap heatmap(HostStats.Demand d) {
    long max = d.max();
    List<HeatmapRow> rows = new ArrayList<>();
    for (int day = 0; day < 7; day++) {
      List<HeatmapCell> cells = new ArrayList<>();
      for (int hour = 0; hour < 24; hour++) {
        long units = d.units()[day][hour];
        cells.add(new HeatmapCell(units, units == 0 ? 0 : 1 + (int) Math.min(3, (units * 4 - 1) / max),
          String.format(Locale.ROOT, "%02d:00", hour)));
      }
      rows.add(new HeatmapRow(DAY_NAMES[day], cells));
    }
    return new Heatmap(d.charger().id(), d.charger().name(), d.charger().timeZone().getId(),
      Arrays.stream(d.units()).flatMapToLong(Arrays::stream).sum(), rows);
  }
}
