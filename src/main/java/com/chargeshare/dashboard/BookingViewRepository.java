package com.chargeshare.dashboard;

import com.chargeshare.booking.Block;
import com.chargeshare.booking.BlockStatus;
import com.chargeshare.booking.Booking;
import com.chargeshare.booking.BookingStatus;
import com.chargeshare.booking.CancelledBy;
import com.chargeshare.booking.CheckInSource;
import com.chargeshare.booking.Life;
import com.chargeshare.booking.Refund;
import com.chargeshare.db.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Bookings joined with their charger and driver, and a host's blocks: what the dashboard and bookings pages list. */
public final class BookingViewRepository {

  private static final String VIEW_COLUMNS = "SELECT b.id, b.charger_id, b.driver_id, b.start_at, b.end_at, b.status, "
    + "b.price_minor, b.currency, b.created_at, b.cancelled_by_role, b.cancel_reason, b.hold_expires_at, b.checked_in_at, "
    + "b.check_in_source, r.amount_minor AS refund_minor, r.currency AS refund_currency, r.status AS refund_status, "
    + "c.name AS charger_name, c.address, c.lat, c.lng, c.time_zone, c.access_instructions, u.name AS driver_name "
    + "FROM bookings b JOIN chargers c ON c.id = b.charger_id JOIN users u ON u.id = b.driver_id "
    + "LEFT JOIN refunds r ON r.booking_id = b.id ";
  /** The host's listings only while they exist; a driver keeps the history of deleted ones. */
  private static final String OF_HOST = VIEW_COLUMNS
    + "WHERE c.host_id = ? AND c.deleted_at IS NULL AND b.end_at > ? AND b.start_at < ? ORDER BY b.start_at, b.id LIMIT ?";
  private static final String DRIVER_UPCOMING = VIEW_COLUMNS
    + "WHERE b.driver_id = ? AND b.end_at > ? ORDER BY b.start_at, b.id LIMIT ?";
  private static final String DRIVER_PAST = VIEW_COLUMNS
    + "WHERE b.driver_id = ? AND b.end_at <= ? ORDER BY b.start_at DESC, b.id DESC LIMIT ?";
  private static final String HOST_BLOCKS = "SELECT k.id, k.charger_id, k.start_at, k.end_at, k.reason, k.status "
    + "FROM charger_blocks k JOIN chargers c ON c.id = k.charger_id "
    + "WHERE c.host_id = ? AND c.deleted_at IS NULL AND k.status = 'ACTIVE' AND k.end_at > ? ORDER BY k.start_at, k.id LIMIT ?";

  private final Pool pool;

  public BookingViewRepository(Pool pool) {
    this.pool = pool;
  }

  /** Bookings (any status) on the host's chargers overlapping [from, to), by start. */
  public Future<List<BookingView>> ofHost(long hostId, Instant from, Instant to, int limit) {
    return pool.preparedQuery(OF_HOST).execute(Tuple.of(hostId, UtcTimes.toDb(from), UtcTimes.toDb(to), limit)).map(BookingViewRepository::views);
  }

  /** The driver's bookings not yet over (in progress included), soonest first. */
  public Future<List<BookingView>> driverUpcoming(long driverId, Instant now, int limit) {
    return pool.preparedQuery(DRIVER_UPCOMING).execute(Tuple.of(driverId, UtcTimes.toDb(now), limit)).map(BookingViewRepository::views);
  }

  /** The driver's bookings already over, latest first. */
  public Future<List<BookingView>> driverPast(long driverId, Instant now, int limit) {
    return pool.preparedQuery(DRIVER_PAST).execute(Tuple.of(driverId, UtcTimes.toDb(now), limit)).map(BookingViewRepository::views);
  }

  /** Active blocks not yet over on the host's chargers. */
  public Future<List<Block>> hostBlocks(long hostId, Instant now, int limit) {
    return pool.preparedQuery(HOST_BLOCKS).execute(Tuple.of(hostId, UtcTimes.toDb(now), limit)).map(rows -> {
      List<Block> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Block(r.getLong("id"), r.getLong("charger_id"), UtcTimes.fromDb(r.getLocalDateTime("start_at")),
        UtcTimes.fromDb(r.getLocalDateTime("end_at")), r.getString("reason"), BlockStatus.valueOf(r.getString("status")))));
      return out;
    });
  }

  /** A booking's hold, check-in and refund as its row has them. */
  private static Life life(Row r) {
    String source = r.getString("check_in_source");
    String refund = r.getString("refund_status");
    return new Life(UtcTimes.fromDb(r.getLocalDateTime("hold_expires_at")), UtcTimes.fromDb(r.getLocalDateTime("checked_in_at")),
      source == null ? null : CheckInSource.valueOf(source),
      refund == null ? null : new Refund(r.getLong("refund_minor"), r.getString("refund_currency"), Refund.Status.valueOf(refund)));
  }

  private static List<BookingView> views(RowSet<Row> rows) {
    List<BookingView> out = new ArrayList<>();
    rows.forEach(r -> out.add(new BookingView(
      new Booking(r.getLong("id"), r.getLong("charger_id"), r.getLong("driver_id"), UtcTimes.fromDb(r.getLocalDateTime("start_at")),
        UtcTimes.fromDb(r.getLocalDateTime("end_at")), BookingStatus.valueOf(r.getString("status")), r.getLong("price_minor"), r.getString("currency"),
        UtcTimes.fromDb(r.getLocalDateTime("created_at")),
        r.getString("cancelled_by_role") == null ? null : CancelledBy.valueOf(r.getString("cancelled_by_role")),
        r.getString("cancel_reason"), life(r)),
      r.getString("charger_name"), r.getString("address"), r.getDouble("lat"), r.getDouble("lng"),
      ZoneId.of(r.getString("time_zone")), r.getString("access_instructions"), r.getString("driver_name"))));
    return out;
  }
}
