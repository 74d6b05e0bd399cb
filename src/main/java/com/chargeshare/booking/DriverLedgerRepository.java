package com.chargeshare.booking;

import com.chargeshare.db.MultiRowInsert;
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
 * A driver's side of the booking tables: the confirmed bookings a ledger owner rebuilds from (with their seats), the
 * {@code driver_claims} rows that make MySQL refuse a driver's overlapping bookings and the {@code driver_seats} rows
 * that make it refuse a booking over the driver's limit, whatever the servers believe.
 */
public final class DriverLedgerRepository {

  /** The name of the unique key a refused driver claim reports (V40). */
  public static final String CLAIM_KEY = "uq_driver_claims_unit";

  private static final String UPCOMING = "SELECT b.id, b.driver_id, b.start_at, b.end_at, s.seat FROM bookings b "
    + "LEFT JOIN driver_seats s ON s.booking_id = b.id WHERE b.status IN " + BookingRepository.CLAIMING + " AND b.end_at > ? ";
  private static final String UPCOMING_OF_SHARD = UPCOMING + "AND MOD(b.driver_id, ?) = ?";
  private static final String UPCOMING_OF_DRIVER = UPCOMING + "AND b.driver_id = ? ORDER BY b.start_at";
  private static final String LOCK_DRIVER = "SELECT id FROM users WHERE id = ? FOR UPDATE";
  private static final String RELEASE = "DELETE FROM driver_claims WHERE booking_id = ?";
  private static final String RELEASE_SEAT = "DELETE FROM driver_seats WHERE booking_id = ?";
  private static final String SEAT_COLUMNS = "driver_seats (driver_id, seat, booking_id, ends_at, taken_at)";
  /**
   * A seat whose booking has ended when it is taken again passes to the new booking; one whose booking has not is
   * left as it is, which {@link #SEATS_TAKEN} then finds. (Every assignment tests the old {@code ends_at}: it is
   * assigned last.)
   */
  private static final String TAKE_OVER = " ON DUPLICATE KEY UPDATE "
    + "booking_id = IF(ends_at <= VALUES(taken_at), VALUES(booking_id), booking_id), "
    + "taken_at = IF(ends_at <= VALUES(taken_at), VALUES(taken_at), taken_at), "
    + "ends_at = IF(ends_at <= VALUES(taken_at), VALUES(ends_at), ends_at)";
  /** A batch's new bookings have consecutive ids: how many of them hold a seat now. */
  private static final String SEATS_TAKEN = "SELECT COUNT(*) AS n FROM driver_seats WHERE booking_id BETWEEN ? AND ?";
  private static final String HOLDER = "SELECT booking_id FROM driver_claims WHERE driver_id = ? AND slot_start >= ? "
    + "AND slot_start < ? ORDER BY slot_start LIMIT 1";

  private final Pool pool;

  public DriverLedgerRepository(Pool pool) {
    this.pool = pool;
  }

  /** Confirmed bookings not yet ended of one ledger shard's drivers: the rebuild after a start. */
  Future<List<DriverLedger.Held>> upcomingOfShard(int shard, int shards, Instant now) {
    return pool.preparedQuery(UPCOMING_OF_SHARD).execute(Tuple.of(utc(now), shards, shard)).map(DriverLedgerRepository::held);
  }

  /** One driver's confirmed bookings not yet ended, in the caller's transaction or on the pool. */
  Future<List<DriverLedger.Held>> upcomingOf(SqlClient client, long driverId, Instant now) {
    return client.preparedQuery(UPCOMING_OF_DRIVER).execute(Tuple.of(utc(now), driverId)).map(DriverLedgerRepository::held);
  }

  Future<List<DriverLedger.Held>> upcomingOf(long driverId, Instant now) {
    return upcomingOf(pool, driverId, now);
  }

  /** Locks the driver's row for the rest of the transaction (the db-lock engine's point of order per driver). */
  Future<Void> lockDriver(SqlConnection conn, long driverId) {
    return conn.preparedQuery(LOCK_DRIVER).execute(Tuple.of(driverId)).mapEmpty();
  }

  /**
   * Takes each booking's seat, taking it over from a booking that has ended by {@code now}; sent on the caller's
   * connection, in its transaction. Fails with {@link SeatHeld} when a seat's booking has not ended, so the
   * transaction rolls back.
   */
  void takeSeats(SqlClient conn, List<WriteSet.Seat> seats, Instant now, List<Future<?>> sent) {
    if (seats.isEmpty()) {
      return;
    }
    MultiRowInsert.insert(conn, SEAT_COLUMNS, 5, seats.stream()
      .map(s -> Tuple.of(s.driverId(), s.seat(), s.bookingId(), utc(s.endsAt()), utc(now))).toList(), TAKE_OVER, sent);
    long first = seats.stream().mapToLong(WriteSet.Seat::bookingId).min().orElseThrow();
    long last = seats.stream().mapToLong(WriteSet.Seat::bookingId).max().orElseThrow();
    sent.add(conn.preparedQuery(SEATS_TAKEN).execute(Tuple.of(first, last)).compose(rows ->
      rows.iterator().next().getLong("n") == seats.size() ? Future.succeededFuture() : Future.failedFuture(new SeatHeld())));
  }

  /** A seat given to a new booking is held by one that has not ended: MySQL's count of the driver's bookings decides. */
  static final class SeatHeld extends RuntimeException {
    SeatHeld() {
      super("A driver seat is held by a booking that has not ended", null, false, false);
    }
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
      MultiRowInsert.insert(conn, "driver_claims (driver_id, slot_start, booking_id)", 3, rows, "", sent);
    }
  }

  /** Frees the units and seats of cancelled bookings. */
  void release(SqlClient conn, Collection<Long> bookingIds, List<Future<?>> sent) {
    if (!bookingIds.isEmpty()) {
      List<Tuple> ids = bookingIds.stream().map(Tuple::of).toList();
      sent.add(conn.preparedQuery(RELEASE).executeBatch(ids));
      sent.add(conn.preparedQuery(RELEASE_SEAT).executeBatch(ids));
    }
  }

  /** The booking that holds one of the driver's units within [start, end), or 0: named in DRIVER_OVERLAP. */
  Future<Long> holderOf(long driverId, Instant start, Instant end) {
    return pool.preparedQuery(HOLDER).execute(Tuple.of(driverId, utc(start), utc(end)))
      .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("booking_id"));
  }

  private static List<DriverLedger.Held> held(io.vertx.sqlclient.RowSet<Row> rows) {
    List<DriverLedger.Held> out = new ArrayList<>();
    rows.forEach(r -> {
      Integer seat = r.getInteger("seat");
      out.add(new DriverLedger.Held(r.getLong("driver_id"), new DriverLedger.Busy(r.getLong("id"),
        instant(r.getLocalDateTime("start_at")), instant(r.getLocalDateTime("end_at"))), seat == null ? DriverLedger.NO_SEAT : seat));
    });
    return out;
  }

  private static LocalDateTime utc(Instant t) {
    return UtcTimes.toDb(t);
  }

  private static Instant instant(LocalDateTime t) {
    return UtcTimes.fromDb(t);
  }
}
