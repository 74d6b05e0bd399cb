package com.chargeshare.pages;

import com.chargeshare.booking.Block;
import com.chargeshare.booking.Booking;
import com.chargeshare.booking.BookingStatus;
import com.chargeshare.charger.Charger;
import com.chargeshare.dashboard.BookingView;
import com.chargeshare.dashboard.HostStats;
import com.chargeshare.text.Money;
import com.chargeshare.text.Windows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What host.peb shows, kept light for a host with many chargers: one page of charger cards (collapsed, except the
 * one a form just acted on), one page of the coming week's agenda, utilization and earnings per period (with the
 * series host.js charts, every charger labelled), and one demand heatmap. Chargers that share a name are told
 * apart by address ({@link ChargerLabels}) wherever they are listed.
 */
record HostDashboardView(List<ChargerCard> chargers, String chargerIds, int chargerCount, Pager chargerPages,
                         List<AgendaDay> agenda, Pager agendaPages, List<Period> periods, List<StatsRow> statsRows,
                         String chartData, DemandView demand, int demandWeeks, int chargerPage, int agendaPage,
                         String flash, String error) {

  static final int CHARGERS_PER_PAGE = 10;
  static final int AGENDA_PER_PAGE = 15;
  private static final int NEXT_BOOKINGS_PER_CHARGER = 3;

  /**
   * A charger's card; {@code open} when a form of it was just used or refused, {@code blockFormOpen} when its
   * block form was refused and is shown again.
   */
  record ChargerCard(long id, String name, String address, boolean twin, boolean online, String price, int slotMinutes,
                     int slotSeconds, String timeZone, List<BookingLine> next, List<BlockLine> blocks, boolean open,
                     boolean blockFormOpen, BlockForm blockForm) {
  }

  /**
   * A booking in a card's next bookings or in the agenda; its window with the day, or its times alone. {@code confirmed}:
   * it holds its slots (confirmed, or a hold awaiting payment); {@code label} says its state ("Checked in 10:05",
   * "No-show", "Awaiting payment", ...), {@code checkedIn} and {@code noShow} mark what a host watches for.
   */
  record BookingLine(long id, String chargerName, String driverName, String window, String startIso, String status,
                     boolean confirmed, boolean cancellable, boolean inProgress, boolean over, String price, String label,
                     boolean checkedIn, boolean noShow) {

    static BookingLine of(BookingView v, String chargerLabel, Instant now, boolean withDay) {
      Booking b = v.booking();
      boolean confirmed = b.status().claims();
      boolean checkedIn = b.life().checkedInAt() != null;
      return new BookingLine(b.id(), chargerLabel, v.driverName(),
        withDay ? Windows.window(b.start(), b.end(), v.zone()) : Windows.times(b.start(), b.end(), v.zone()),
        b.start().toString(), b.status().name(), confirmed, b.cancellableAt(now),
        b.status() == BookingStatus.CONFIRMED && !b.start().isAfter(now) && b.end().isAfter(now), !b.end().isAfter(now),
        Money.format(b.priceMinor(), b.currency()),
        checkedIn ? "Checked in " + Windows.time(b.life().checkedInAt(), v.zone())
          : Formats.status(b, now), checkedIn, b.status() == BookingStatus.NO_SHOW);
    }
  }

  record BlockLine(long id, String window, String reason) {
  }

  /** A local day of the agenda: "Today", "Tomorrow" or nothing, then its date. */
  record AgendaDay(String label, String relative, List<BookingLine> bookings) {
  }

  /** Page {@code page} of {@code pages}, items {@code first}..{@code last} of {@code total}, and the links around it. */
  record Pager(int page, int pages, int first, int last, int total, String previous, String next) {
  }

  record Period(String key, String label, Figures total) {
  }

  /** A charger's row of the figures table: its label and its figures in each period. */
  record StatsRow(long id, String label, List<Figures> figures) {
  }

  /** A charger's (or all chargers') figures for one period, as text. */
  record Figures(long id, String key, String booked, String open, String utilization, String earnings) {

    static Figures of(String key, HostStats.Figures f) {
      return new Figures(f.chargerId(), key, Formats.hours(f.bookedSeconds()), Formats.hours(f.openSeconds()),
        Formats.percent(f.utilization()), f.earnedMinor().isEmpty() ? "–" : f.earnedMinor().entrySet().stream()
          .map(e -> Money.format(e.getValue(), e.getKey())).collect(Collectors.joining(" + ")));
    }
  }

  /** {@code blockForm} is a block form that was refused, shown again on its charger's card. */
  static HostDashboardView of(List<Charger> chargers, List<BookingView> bookings, List<Block> blocks,
                              List<HostStats.PeriodFigures> periods, HostStats.DemandWindow demand, int demandWeeks,
                              Instant now, DashboardQuery query, BlockForm blockForm, String flash, String error) {
    ChargerLabels labels = new ChargerLabels(chargers);
    long focus = blockForm != null ? blockForm.chargerId() : query.focus();
    int chargerPages = Math.max(1, (chargers.size() + CHARGERS_PER_PAGE - 1) / CHARGERS_PER_PAGE);
    int chargerPage = Math.min(query.chargerPage(), chargerPages);
    for (int i = 0; i < chargers.size(); i++) {
      if (chargers.get(i).id() == focus) {
        chargerPage = i / CHARGERS_PER_PAGE + 1;
      }
    }
    List<Charger> shown = chargers.subList((chargerPage - 1) * CHARGERS_PER_PAGE,
      Math.min(chargers.size(), chargerPage * CHARGERS_PER_PAGE));
    List<AgendaEntry> week = week(bookings, labels, now);
    int agendaPages = Math.max(1, (week.size() + AGENDA_PER_PAGE - 1) / AGENDA_PER_PAGE);
    int agendaPage = Math.min(query.agendaPage(), agendaPages);
    List<AgendaEntry> agendaShown = week.subList((agendaPage - 1) * AGENDA_PER_PAGE,
      Math.min(week.size(), agendaPage * AGENDA_PER_PAGE));
    DemandView demandView = DemandView.of(demand, query.demand(), labels);
    long demandId = demandView.selected();
    int cp = chargerPage;
    int ap = agendaPage;
    return new HostDashboardView(cards(shown, labels, bookings, blocks, now, focus, blockForm),
      chargers.stream().map(c -> String.valueOf(c.id())).collect(Collectors.joining(",")), chargers.size(),
      pager(chargerPage, chargerPages, CHARGERS_PER_PAGE, chargers.size(),
        p -> query.href(p, ap, demandId) + "#chargers"),
      group(agendaShown),
      pager(agendaPage, agendaPages, AGENDA_PER_PAGE, week.size(), p -> query.href(cp, p, demandId) + "#agenda"),
      periods.stream().map(p -> new Period(p.period().key, p.period().label, Figures.of(p.period().key, p.total()))).toList(),
      statsRows(chargers, periods, labels), chartData(chargers, periods, labels).encode(), demandView, demandWeeks,
      chargerPage, agendaPage, flash, error);
  }

  private static Pager pager(int page, int pages, int perPage, int total, java.util.function.IntFunction<String> href) {
    int first = total == 0 ? 0 : (page - 1) * perPage + 1;
    int last = Math.min(total, page * perPage);
    return new Pager(page, pages, first, last, total, page > 1 ? href.apply(page - 1) : null,
      page < pages ? href.apply(page + 1) : null);
  }

  private static List<ChargerCard> cards(List<Charger> chargers, ChargerLabels labels, List<BookingView> bookings,
                                         List<Block> blocks, Instant now, long focus, BlockForm blockForm) {
    List<ChargerCard> out = new ArrayList<>();
    for (Charger c : chargers) {
      boolean refused = blockForm != null && blockForm.chargerId() == c.id();
      out.add(new ChargerCard(c.id(), c.name(), c.address(), labels.shared(c.id()), c.online(),
        Money.format(c.pricePerHourMinor(), c.currency()), c.slotMinutes(), c.slotMinutes() * 60, c.timeZone().getId(),
        bookings.stream()
          .filter(b -> b.booking().chargerId() == c.id() && b.booking().status().claims()
            && b.booking().end().isAfter(now))
          .limit(NEXT_BOOKINGS_PER_CHARGER)
          .map(b -> BookingLine.of(b, labels.label(c.id()), now, true)).toList(),
        blocks.stream().filter(k -> k.chargerId() == c.id())
          .map(k -> new BlockLine(k.id(), Windows.window(k.start(), k.end(), c.timeZone()), k.reason())).toList(),
        c.id() == focus, refused, refused ? blockForm : BlockForm.empty(c.id())));
    }
    return out;
  }

  /** A booking of the coming week with its local day and how many days ahead that is. */
  private record AgendaEntry(LocalDate day, long ahead, Instant start, BookingLine line) {
  }

  /** Today's and the next six days' bookings in each charger's zone, by local day, then by start. */
  private static List<AgendaEntry> week(List<BookingView> bookings, ChargerLabels labels, Instant now) {
    List<AgendaEntry> out = new ArrayList<>();
    for (BookingView v : bookings) {
      LocalDate today = now.atZone(v.zone()).toLocalDate();
      LocalDate day = v.booking().start().atZone(v.zone()).toLocalDate();
      long ahead = ChronoUnit.DAYS.between(today, day);
      if (ahead >= 0 && ahead <= 6) {
        out.add(new AgendaEntry(day, ahead, v.booking().start(),
          BookingLine.of(v, labels.label(v.booking().chargerId()), now, false)));
      }
    }
    out.sort(Comparator.comparing(AgendaEntry::day).thenComparing(AgendaEntry::start).thenComparing(e -> e.line().id()));
    return out;
  }

  private static List<AgendaDay> group(List<AgendaEntry> entries) {
    List<AgendaDay> out = new ArrayList<>();
    LocalDate current = null;
    List<BookingLine> lines = null;
    for (AgendaEntry e : entries) {
      if (!e.day().equals(current)) {
        current = e.day();
        lines = new ArrayList<>();
        out.add(new AgendaDay(Windows.day(e.day()), e.ahead() == 0 ? "Today" : e.ahead() == 1 ? "Tomorrow" : "", lines));
      }
      lines.add(e.line());
    }
    return out;
  }

  private static List<StatsRow> statsRows(List<Charger> chargers, List<HostStats.PeriodFigures> periods, ChargerLabels labels) {
    List<StatsRow> out = new ArrayList<>();
    for (int i = 0; i < chargers.size(); i++) {
      int row = i;
      out.add(new StatsRow(chargers.get(i).id(), labels.label(chargers.get(i).id()),
        periods.stream().map(p -> Figures.of(p.period().key, p.chargers().get(row))).toList()));
    }
    return out;
  }

  /**
   * Series for host.js's charts: utilization in percent and earnings in major units per charger and period, one
   * label per charger (name and address on two lines for chargers that share a name). Earnings are charted only in
   * the host's main currency (the first one); the table shows every currency.
   */
  private static JsonObject chartData(List<Charger> chargers, List<HostStats.PeriodFigures> periods, ChargerLabels labels) {
    JsonArray names = new JsonArray();
    String currency = periods.isEmpty() || periods.get(0).total().earnedMinor().isEmpty() ? null
      : periods.get(0).total().earnedMinor().keySet().iterator().next();
    for (Charger c : chargers) {
      names.add(labels.shared(c.id()) ? new JsonArray().add(c.name()).add(labels.place(c.id())) : c.name());
    }
    JsonArray series = new JsonArray();
    for (HostStats.PeriodFigures p : periods) {
      JsonArray utilization = new JsonArray();
      JsonArray earnings = new JsonArray();
      for (HostStats.Figures f : p.chargers()) {
        utilization.add(f.utilization() == null ? 0 : Math.round(f.utilization() * 1000) / 10.0);
        earnings.add(currency == null ? 0 : Money.major(f.earnedMinor().getOrDefault(currency, 0L), currency));
      }
      series.add(new JsonObject().put("key", p.period().key).put("label", p.period().label)
        .put("utilization", utilization).put("earnings", earnings));
    }
    return new JsonObject().put("labels", names).put("currency", currency).put("series", series);
  }
}
