package com.chargeshare.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

import static com.chargeshare.db.UtcTimes.fromDb;
import static com.chargeshare.db.UtcTimes.toDb;

/** Bookings as the API lists them: the columns read, a row as a {@link Booking} (with its lifecycle), and the filtered list. */
final class BookingListRepository {

  static final String BOOKING_COLUMNS =
    "b.id, b.charger_id, b.driver_id, b.start_at, b.end_at, b.status, b.price_minor, b.currency, b.created_at, "
      + "b.cancelled_by_role, b.cancel_reason, b.hold_expires_at, b.checked_in_at, b.check_in_source, "
      + "r.amount_minor AS refund_minor, r.currency AS refund_currency, r.status AS refund_status";
  static final String REFUND_JOIN = " LEFT JOIN refunds r ON r.booking_id = b.id";

  private BookingListRepository() {
  }

  static Booking booking(Row r) {
    return new Booking(r.getLong("id"), r.getLong("charger_id"), r.getLong("driver_id"),
      fromDb(r.getLocalDateTime("start_at")), fromDb(r.getLocalDateTime("end_at")), BookingStatus.valueOf(r.getString("status")),
      r.getLong("price_minor"), r.getString("currency"), fromDb(r.getLocalDateTime("created_at")),
      r.getString("cancelled_by_role") == null ? null : CancelledBy.valueOf(r.getString("cancelled_by_role")),
      r.getString("cancel_reason"), life(r));
  }

  /** The lifecycle columns of a booking row (with its refund, LEFT JOINed as refund_*). */
  public static Life life(Row r) {
    String source = r.getString("check_in_source");
    String refundStatus = r.getString("refund_status");
    return new Life(fromDb(r.getLocalDateTime("hold_expires_at")), fromDb(r.getLocalDateTime("checked_in_at")),
      source == null ? null : CheckInSource.valueOf(source),
      refundStatus == null ? null : new Refund(r.getLong("refund_minor"), r.getString("refund_currency"), Refund.Status.valueOf(refundStatus)));
  }

  static List<Booking> bookings(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Booking> out = new ArrayList<>();
    rows.forEach(r -> out.add(booking(r)));
    return out;
  }

  /**
   * A driver's own bookings, or those on a host's chargers, ordered by start then id. Every filter is a bound
   * parameter; only the fixed condition fragments are joined.
   */
  static Future<List<Booking>> list(Pool pool, BookingQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + BOOKING_COLUMNS + " FROM bookings b" + REFUND_JOIN);
    List<Object> args = new ArrayList<>();
    if (q.hostId() != null) {
      sql.append(" JOIN chargers c ON c.id = b.charger_id WHERE c.host_id = ?");
      args.add(q.hostId());
    } else {
      sql.append(" WHERE b.driver_id = ?");
      args.add(q.driverId());
    }
    if (q.status() != null) {
      sql.append(" AND b.status = ?");
      args.add(q.status().name());
    }
    if (q.chargerId() != null) {
      sql.append(" AND b.charger_id = ?");
      args.add(q.chargerId());
    }
    if (q.from() != null) {
      sql.append(" AND b.end_at > ?");
      args.add(toDb(q.from()));
    }
    if (q.to() != null) {
      sql.append(" AND b.start_at < ?");
      args.add(toDb(q.to()));
    }
    sql.append(" ORDER BY b.start_at, b.id LIMIT ? OFFSET ?");
    args.add(q.limit());
    args.add(q.offset());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
      List<Booking> out = new ArrayList<>();
      rows.forEach(r -> out.add(booking(r)));
      return out;
    });
  }

}
