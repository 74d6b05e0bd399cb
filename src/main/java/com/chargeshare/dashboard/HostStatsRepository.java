package com.chargeshare.dashboard;

import com.chargeshare.db.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The SQL behind the host dashboard's figures: booked time, earnings and demand by hour of week. */
public final class HostStatsRepository {

  /**
   * Booked seconds and earnings per charger (and currency) of paid bookings overlapping [from, to): confirmed ones
   * (holds awaiting payment and expired ones earn nothing) and no-shows whose payment was kept; only
   * the overlapping part counts, and a booking earns its price pro rata for that part, so a charge running
   * across the window's edge is split between the periods on either side.
   */
  private static final String BOOKED = "SELECT b.charger_id, b.currency, "
    + "CAST(SUM(TIMESTAMPDIFF(SECOND, GREATEST(b.start_at, ?), LEAST(b.end_at, ?))) AS SIGNED) AS booked_seconds, "
    + "CAST(ROUND(SUM(b.price_minor * TIMESTAMPDIFF(SECOND, GREATEST(b.start_at, ?), LEAST(b.end_at, ?)) "
    + "/ TIMESTAMPDIFF(SECOND, b.start_at, b.end_at))) AS SIGNED) AS earned_minor "
    + "FROM bookings b JOIN chargers c ON c.id = b.charger_id "
    + "WHERE c.host_id = ? AND c.deleted_at IS NULL AND (b.status = 'CONFIRMED' OR (b.status = 'NO_SHOW' AND EXISTS "
    + "(SELECT 1 FROM payments p WHERE p.booking_id = b.id AND p.status = 'PAID'))) AND b.start_at < ? AND b.end_at > ? "
    + "GROUP BY b.charger_id, b.currency";

  /**
   * Booked 15-minute units per charger, local weekday (0 = Monday) and local hour. slot_claims holds one row
   * per unit of every confirmed booking (cancelling deletes them), so counting rows counts booked units. The
   * caller passes the zone's UTC offset, constant over [from, to); MySQL's own zone tables may be absent.
   */
  private static final String DEMAND = "SELECT sc.charger_id, "
    + "WEEKDAY(DATE_ADD(sc.slot_start, INTERVAL ? SECOND)) AS dow, HOUR(DATE_ADD(sc.slot_start, INTERVAL ? SECOND)) AS hr, "
    + "COUNT(*) AS units FROM slot_claims sc "
    + "WHERE sc.booking_id IS NOT NULL AND sc.slot_start >= ? AND sc.slot_start < ? AND sc.charger_id IN (%s) "
    + "GROUP BY sc.charger_id, dow, hr";

  private final Pool pool;

  public HostStatsRepository(Pool pool) {
    this.pool = pool;
  }

  /** TIMESTAMPDIFF counts whole seconds: the windows' edges are whole seconds too. */
  static LocalDateTime utc(Instant t) {
    return UtcTimes.toDb(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Per charger id: what its confirmed bookings filled and earned within [from, to). */
  public Future<Map<Long, Booked>> booked(long hostId, Instant from, Instant to) {
    LocalDateTime f = utc(from);
    LocalDateTime t = utc(to);
    return pool.preparedQuery(BOOKED).execute(Tuple.of(f, t, f, t, hostId, t, f)).map(rows -> {
      Map<Long, Long> seconds = new HashMap<>();
      Map<Long, Map<String, Long>> earned = new HashMap<>();
      rows.forEach(r -> {
        long id = r.getLong("charger_id");
        seconds.merge(id, r.getLong("booked_seconds"), Long::sum);
        earned.computeIfAbsent(id, k -> new TreeMap<>()).merge(r.getString("currency"), r.getLong("earned_minor"), Long::sum);
      });
      Map<Long, Booked> out = new HashMap<>();
      seconds.forEach((id, s) -> out.put(id, new Booked(s, Map.copyOf(earned.get(id)))));
      return out;
    });
  }

  /** Booked units of these chargers in [from, to) by local weekday and hour, given the zone's fixed offset then. */
  public Future<List<DemandCell>> demand(Collection<Long> chargerIds, int offsetSeconds, Instant from, Instant to) {
    if (chargerIds.isEmpty() || !to.isAfter(from)) {
      return Future.succeededFuture(List.of());
    }
    Tuple args = Tuple.of(offsetSeconds, offsetSeconds, utc(from), utc(to));
    chargerIds.forEach(args::addLong);
    String sql = String.format(DEMAND, String.join(",", Collections.nCopies(chargerIds.size(), "?")));
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<DemandCell> out = new ArrayList<>();
      rows.forEach(r -> out.add(new DemandCell(r.getLong("charger_id"), r.getInteger("dow"), r.getInteger("hr"),
        r.getLong("units"))));
      return out;
    });
  }

  /** Booked seconds and earnings by currency (a listing's currency can change; old bookings keep theirs). */
  public record Booked(long bookedSeconds, Map<String, Long> earnedMinor) {

    public static final Booked NONE = new Booked(0, Map.of());
  }

  /** {@code units} booked 15-minute units on local weekday {@code dow} (0 = Monday) in local hour {@code hour}. */
  public record DemandCell(long chargerId, int dow, int hour, long units) {
  }
}
