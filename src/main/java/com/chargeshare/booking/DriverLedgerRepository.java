package com.chargeshare.booking;

import com.chargeshare.db.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A driver's side of the booking tables: the confirmed bookings a ledger owner rebuilds from, and the
 * {@code driver_claims} rows that make MySQL refuse a driver's overlapping bookings whatever the servers believe.
 */
public final class DriverLedgerRepository {

  /** The name of the unique key a refused driver claim reports (V40). */
  public static final String CLAIM_KEY = "uq_driver_claims_unit";

  private static final String UPCOMING_OF_SHARD = "SELECT id, driver_id, start_at, end_at FROM bookings "
    + "WHERE status IN " + BookingRepository.CLAIMING + " AND end_at > ? AND MOD(driver_id, ?) = ?";
  private static final String UPCOMING_OF_DRIVER = "SELECT id, driver_id, start_at, end_at FROM bookings "
    + "WHERE driver_id = ? AND status IN " + BookingRepository.CLAIMING + " AND end_at > ? ORDER BY start_at";
  private static final String LOCK_DRIVER = "SELECT id FROM users WHERE id = ? FOR UPDATE";
  private static final String RELEASE = "DELETE FROM driver_claims WHERE booking_id = ?";
  private static final String HOLDER = "SELECT booking_id FROM driver_claims WHERE driver_id = ? AND slot_start >= ? "
    + "AND slot_start < ? ORDER BY slot_start LIMIT 1";

  private final Pool pool;

  public DriverLedgerRepository(Pool pool) {
    this.pool = pool;
  }

  /** A confirmed booking as a driver's owner sees it. */
  record Held(long driverId, DriverLedger.Busy booking) {
  }

  /** Confirmed bookings not yet ended of one ledger shard's drivers: the rebuild after a start. */
  Future<List<Held>> upcomingOfShard(int shard, int shards, Instant now) {
    return pool.preparedQuery(UPCOMING_OF_SHARD).execute(Tuple.of(utc(now), shards, shard)).map(DriverLedgerRepository::held);
  }

  /** One driver's confirmed bookings not yet ended, in the caller's transaction or on the pool. */
  Future<List<DriverLedger.Busy>> upcomingOf(SqlClient client, long driverId, Instant now) {
    return client.preparedQuery(UPCOMING_OF_DRIVER).execute(Tuple.of(driverId, utc(now)))
      .map(rows -> held(rows).stream().map(Held::booking).toList());
  }

  Future<List<DriverLedger.Busy>> upcomingOf(long driverId, Instant now) {
    return upcomingOf(pool, driverId, now);
  }

  /** Locks the driver's row for the rest of the transaction (the db-lock engine's point of order per driver). */
  Future<Void> lockDriver(SqlConnection conn, long driverId) {
    return conn.preparedQuery(LOCK_DRIVER).execute(Tuple.of(driverId)).mapEmpty();
  }

  /** Claims every 15-minute unit of each booking for its driver; sent on the caller's connection, in its transaction. */
  void claim(SqlClient conn, Collection<Booking> bookings, List<Future<?>> sent) {
    List<Tuple> rows = new ArrayList<>();
    for (Booking b : bookings) {
      for (long u = Units.of(b.start()); u < Units.of(b.end()); u++) {
        rows.add(Tuple.of(b.driverId(), utc(Units.start(u)), b.id()));
      }
    }
    if (!rows.isEmpty()) {
      BookingRepository.insertRows(conn, "driver_claims (driver_id, slot_start, booking_id)", 3, rows, sent);
    }
  }

  /** Frees the units of cancelled bookings. */
  void release(SqlClient conn, Collection<Long> bookingIds, List<Future<?>> sent) {
    if (!bookingIds.isEmpty()) {
      sent.add(conn.preparedQuery(RELEASE).executeBatch(bookingIds.stream().map(Tuple::of).toList()));
    }
  }

  /** The booking that holds one of the driver's units within [start, end), or 0: named in DRIVER_OVERLAP. */
  Future<Long> holderOf(long driverId, Instant start, Instant end) {
    return pool.preparedQuery(HOLDER).execute(Tuple.of(driverId, utc(start), utc(end)))
      .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("booking_id"));
  }

  private static List<Held> held(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Held> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Held(r.getLong("driver_id"), new DriverLedger.Busy(r.getLong("id"),
      instant(r.getLocalDateTime("start_at")), instant(r.getLocalDateTime("end_at"))))));
    return out;
  }

  private static LocalDateTime utc(Instant t) {
    return UtcTimes.toDb(t);
  }

  private static Instant instant(LocalDateTime t) {
    return UtcTimes.fromDb(t);
  }
}
