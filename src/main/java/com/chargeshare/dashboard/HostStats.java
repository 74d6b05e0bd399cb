package com.chargeshare.dashboard;

import com.chargeshare.charger.Charger;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A host's figures: utilization (booked hours / open hours) and earnings per charger and in total over three
 * rolling periods, and demand by hour of week. Booked time and money come from SQL; open time from the
 * chargers' opening hours ({@link OpenTime}).
 */
public final class HostStats {

  /** How far ahead demand looks: the booking horizon. */
  static final Duration DEMAND_AHEAD = Duration.ofDays(30);

  private final HostStatsRepository repo;

  public HostStats(HostStatsRepository repo) {
    this.repo = repo;
  }

  /** The three rolling windows the dashboard reports, relative to now. */
  public enum Period {
    LAST_7("last7", "Last 7 days", -7, 0),
    LAST_30("last30", "Last 30 days", -30, 0),
    NEXT_7("next7", "Coming 7 days", 0, 7);

    public final String key;
    public final String label;
    private final int fromDays;
    private final int toDays;

    Period(String key, String label, int fromDays, int toDays) {
      this.key = key;
      this.label = label;
      this.fromDays = fromDays;
      this.toDays = toDays;
    }

    public Instant from(Instant now) {
      return now.plus(Duration.ofDays(fromDays));
    }

    public Instant to(Instant now) {
      return now.plus(Duration.ofDays(toDays));
    }
  }

  /** One charger's (or the total's, with {@code chargerId} 0) figures in a period. */
  public record Figures(long chargerId, String name, long bookedSeconds, long openSeconds, Map<String, Long> earnedMinor) {

    /** Booked share of open time, 0..1; null when the charger was not open at all in the period. */
    public Double utilization() {
      return openSeconds == 0 ? null : (double) bookedSeconds / openSeconds;
    }

    public JsonObject toJson() {
      JsonArray earnings = new JsonArray();
      earnedMinor.forEach((currency, minor) -> earnings.add(new JsonObject().put("currency", currency).put("minor", minor)));
      JsonObject o = new JsonObject();
      if (chargerId > 0) {
        o.put("chargerId", chargerId).put("name", name);
      }
      return o.put("bookedHours", hours(bookedSeconds)).put("openHours", hours(openSeconds))
        .put("utilization", utilization() == null ? null : Math.round(utilization() * 10_000) / 10_000.0)
        .put("earnings", earnings);
    }

    private static double hours(long seconds) {
      return Math.round(seconds / 36.0) / 100.0;
    }
  }

  public record PeriodFigures(Period period, Instant from, Instant to, List<Figures> chargers, Figures total) {

    public JsonObject toJson() {
      JsonArray list = new JsonArray();
      chargers.forEach(f -> list.add(f.toJson()));
      return new JsonObject().put("period", period.key).put("label", period.label).put("from", from.toString())
        .put("to", to.toString()).put("chargers", list).put("total", total.toJson());
    }
  }

  /** Booked 15-minute units of one charger by local weekday (row 0 = Monday) and hour. */
  public record Demand(Charger charger, long[][] units) {

    public long max() {
      long m = 0;
      for (long[] day : units) {
        for (long u : day) {
          m = Math.max(m, u);
        }
      }
      return m;
    }

    public JsonObject toJson() {
      JsonArray days = new JsonArray();
      for (long[] day : units) {
        JsonArray hours = new JsonArray();
        for (long u : day) {
          hours.add(u);
        }
        days.add(hours);
      }
      return new JsonObject().put("chargerId", charger.id()).put("name", charger.name())
        .put("timeZone", charger.timeZone().getId()).put("units", days).put("max", max());
    }
  }

  public record DemandWindow(Instant from, Instant to, int weeks, List<Demand> chargers) {

    public JsonObject toJson() {
      JsonArray list = new JsonArray();
      chargers.forEach(d -> list.add(d.toJson()));
      return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("weeks", weeks)
        .put("unitMinutes", 15).put("chargers", list);
    }
  }

  public Future<List<PeriodFigures>> periods(long hostId, List<Charger> chargers, Instant now) {
    List<Future<PeriodFigures>> all = new ArrayList<>();
    for (Period p : Period.values()) {
      Instant from = p.from(now);
      Instant to = p.to(now);
      all.add(repo.booked(hostId, from, to).map(booked -> figures(p, from, to, chargers, booked)));
    }
    return Future.all(all).map(cf -> cf.<PeriodFigures>list());
  }

  private static PeriodFigures figures(Period p, Instant from, Instant to, List<Charger> chargers,
                                       Map<Long, HostStatsRepository.Booked> booked) {
    List<Figures> list = new ArrayList<>();
    long bookedTotal = 0;
    long openTotal = 0;
    Map<String, Long> earnedTotal = new TreeMap<>();
    for (Charger c : chargers) {
      HostStatsRepository.Booked b = booked.getOrDefault(c.id(), HostStatsRepository.Booked.NONE);
      long open = OpenTime.openSeconds(c.openingHours(), c.timeZone(), from, to);
      Map<String, Long> earned = new TreeMap<>(b.earnedMinor());
      // a charger with nothing booked still shows what it earned: zero in its own currency
      earned.putIfAbsent(c.currency(), 0L);
      list.add(new Figures(c.id(), c.name(), b.bookedSeconds(), open, earned));
      bookedTotal += b.bookedSeconds();
      openTotal += open;
      earned.forEach((currency, minor) -> earnedTotal.merge(currency, minor, Long::sum));
    }
    return new PeriodFigures(p, from, to, list, new Figures(0, "All chargers", bookedTotal, openTotal, earnedTotal));
  }

  /**
   * Demand per charger over the last {@code weeks} weeks and the bookings already made ahead. Chargers are
   * grouped by zone, and each zone's window is cut where its UTC offset changes (daylight saving), so one
   * SQL aggregate per constant-offset stretch maps every unit to the right local hour.
   */
  public Future<DemandWindow> demand(List<Charger> chargers, Instant now, int weeks) {
    Instant from = now.minus(Duration.ofDays(7L * weeks));
    Instant to = now.plus(DEMAND_AHEAD);
    Map<Long, long[][]> grids = new LinkedHashMap<>();
    chargers.forEach(c -> grids.put(c.id(), new long[7][24]));
    Map<ZoneId, List<Long>> byZone = chargers.stream()
      .collect(Collectors.groupingBy(Charger::timeZone, LinkedHashMap::new, Collectors.mapping(Charger::id, Collectors.toList())));
    List<Future<List<HostStatsRepository.DemandCell>>> queries = new ArrayList<>();
    byZone.forEach((zone, ids) -> {
      for (Stretch s : stretches(zone.getRules(), from, to)) {
        queries.add(repo.demand(ids, s.offsetSeconds(), s.from(), s.to()));
      }
    });
    return Future.all(queries).map(cf -> {
      for (int i = 0; i < queries.size(); i++) {
        Collection<HostStatsRepository.DemandCell> cells = cf.resultAt(i);
        cells.forEach(cell -> grids.get(cell.chargerId())[cell.dow()][cell.hour()] += cell.units());
      }
      return new DemandWindow(from, to, weeks, chargers.stream().map(c -> new Demand(c, grids.get(c.id()))).toList());
    });
  }

  record Stretch(Instant from, Instant to, int offsetSeconds) {
  }

  /** [from, to) cut at the zone's offset transitions. */
  static List<Stretch> stretches(ZoneRules rules, Instant from, Instant to) {
    List<Stretch> out = new ArrayList<>();
    Instant cursor = from;
    while (cursor.isBefore(to)) {
      ZoneOffsetTransition next = rules.nextTransition(cursor);
      Instant end = next == null || !next.getInstant().isBefore(to) ? to : next.getInstant();
      out.add(new Stretch(cursor, end, rules.getOffset(cursor).getTotalSeconds()));
      cursor = end;
    }
    return out;
  }
}
