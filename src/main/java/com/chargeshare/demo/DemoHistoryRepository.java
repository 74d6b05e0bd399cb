package com.chargeshare.demo;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo city's past: bookings that ended before the server started cannot go through the engine (it books
 * only what lies ahead), so they are written as a group commit would have written them: ids reserved from
 * {@code id_sequences}, each booking with its {@code slot_claims} and {@code driver_claims}, in one transaction.
 */
final class DemoHistoryRepository {

  private static final String RESERVE = "UPDATE id_sequences SET next_value = LAST_INSERT_ID(next_value + ?) WHERE name = 'booking'";
  private static final String BOOKING = "INSERT INTO bookings (id, charger_id, driver_id, start_at, end_at, status, price_minor, "
    + "currency, created_at) VALUES (?, ?, ?, ?, ?, 'CONFIRMED', ?, ?, ?)";
  private static final String SLOT_CLAIM = "INSERT INTO slot_claims (charger_id, slot_start, booking_id) VALUES (?, ?, ?)";
  private static final String DRIVER_CLAIM = "INSERT INTO driver_claims (driver_id, slot_start, booking_id) VALUES (?, ?, ?)";
  private static final long UNIT_SECONDS = 900;

  /** A finished booking to write: its window lies on 15-minute units and overlaps nothing already planned. */
  record PastBooking(long chargerId, long driverId, Instant start, Instant end, long priceMinor, String currency) {
  }

  private final Pool pool;

  DemoHistoryRepository(Pool pool) {
    this.pool = pool;
  }

  /** Writes them all or none; answers how many. */
  Future<Integer> insert(List<PastBooking> bookings) {
    if (bookings.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.withTransaction(conn -> conn.preparedQuery(RESERVE).execute(Tuple.of(bookings.size()))
      .map(rows -> (long) rows.property(MySQLClient.LAST_INSERTED_ID) - bookings.size())
      .compose(first -> write(conn, bookings, first)))
      .map(bookings.size());
  }

  private static Future<?> write(SqlConnection conn, List<PastBooking> bookings, long firstId) {
    List<Tuple> rows = new ArrayList<>();
    List<Tuple> slots = new ArrayList<>();
    List<Tuple> drivers = new ArrayList<>();
    for (int i = 0; i < bookings.size(); i++) {
      PastBooking b = bookings.get(i);
      long id = firstId + i;
      rows.add(Tuple.of(id, b.chargerId(), b.driverId(), db(b.start()), db(b.end()), b.priceMinor(), b.currency(),
        db(b.start().minusSeconds(86_400))));
      for (Instant u = b.start(); u.isBefore(b.end()); u = u.plusSeconds(UNIT_SECONDS)) {
        slots.add(Tuple.of(b.chargerId(), db(u), id));
        drivers.add(Tuple.of(b.driverId(), db(u), id));
      }
    }
    return conn.preparedQuery(BOOKING).executeBatch(rows)
      .compose(x -> conn.preparedQuery(SLOT_CLAIM).executeBatch(slots))
      .compose(x -> conn.preparedQuery(DRIVER_CLAIM).executeBatch(drivers));
  }

  private static LocalDateTime db(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
