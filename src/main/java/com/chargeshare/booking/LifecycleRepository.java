package com.chargeshare.booking;

import com.chargeshare.db.MultiRowInsert;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.chargeshare.booking.BookingListRepository.BOOKING_COLUMNS;
import static com.chargeshare.booking.BookingListRepository.REFUND_JOIN;
import static com.chargeshare.db.UtcTimes.toDb;

/**
 * The lifecycle's rows: a hold paid (with its payment), expired, a check-in, a no-show, the refunds a change owes,
 * and the audit row ({@code booking_events}) of each change, all in the transaction of the change; and what is due
 * (holds whose time is up, bookings nobody checked in to) for the db-lock engine's sweeps.
 */
final class LifecycleRepository {

  private static final String CONFIRM = "UPDATE bookings SET status = 'CONFIRMED', hold_expires_at = NULL "
    + "WHERE id = ? AND status = 'PENDING_PAYMENT'";
  private static final String PAID = "UPDATE payments SET status = 'PAID', payment_id = ?, paid_at = ? WHERE booking_id = ? AND order_id = ?";
  private static final String EXPIRE = "UPDATE bookings SET status = 'EXPIRED', hold_expires_at = NULL "
    + "WHERE id = ? AND status = 'PENDING_PAYMENT'";
  private static final String NO_SHOW = "UPDATE bookings SET status = 'NO_SHOW' "
    + "WHERE id = ? AND status = 'CONFIRMED' AND checked_in_at IS NULL";
  private static final String CHECK_IN = "UPDATE bookings SET checked_in_at = ?, check_in_source = ? "
    + "WHERE id = ? AND status = 'CONFIRMED' AND checked_in_at IS NULL";
  private static final String DUE_HOLDS = "SELECT " + BOOKING_COLUMNS + " FROM bookings b" + REFUND_JOIN
    + " WHERE b.status = 'PENDING_PAYMENT' AND b.hold_expires_at <= ? ORDER BY b.hold_expires_at LIMIT ?";
  private static final String DUE_NO_SHOWS = "SELECT " + BOOKING_COLUMNS + " FROM bookings b" + REFUND_JOIN
    + " WHERE b.status = 'CONFIRMED' AND b.checked_in_at IS NULL AND b.start_at <= ? AND b.end_at > ? ORDER BY b.start_at LIMIT ?";

  private final Pool pool;

  LifecycleRepository(Pool pool) {
    this.pool = pool;
  }

  /** Frees a booking's units on its charger and for its driver, in the caller's transaction. */
  @FunctionalInterface
  interface FreeUnits {
    void free(SqlConnection conn, List<Long> bookingIds, List<Future<?>> sent);
  }

  /** A group commit's lifecycle steps, sent on its connection with their audit rows. */
  static void writeSteps(SqlConnection conn, WriteSet ws, List<Future<?>> sent, List<Tuple> audit, BookingRepository repo) {
    if (!ws.confirms.isEmpty()) {
      sent.add(conn.preparedQuery(CONFIRM).executeBatch(ws.confirms.stream().map(c -> Tuple.of(c.bookingId())).toList()));
      sent.add(conn.preparedQuery(PAID).executeBatch(ws.confirms.stream()
        .map(c -> Tuple.of(c.paymentId(), toDb(ws.at), c.bookingId(), c.orderId())).toList()));
      ws.confirms.forEach(c -> audit.add(auditRow(c.bookingId(), "CONFIRMED", ws.at, "paid " + c.paymentId())));
    }
    if (!ws.expiries.isEmpty()) {
      List<Long> ids = ws.expiries.stream().map(WriteSet.Release::bookingId).toList();
      sent.add(conn.preparedQuery(EXPIRE).executeBatch(ids.stream().map(Tuple::of).toList()));
      repo.freeUnits(conn, ids, sent);
      ws.expiries.forEach(e -> audit.add(auditRow(e.bookingId(), "EXPIRED", ws.at, e.why())));
    }
    if (!ws.noShows.isEmpty()) {
      sent.add(conn.preparedQuery(NO_SHOW).executeBatch(ws.noShows.stream().map(Tuple::of).toList()));
      repo.freeUnits(conn, ws.noShows, sent);
      ws.noShows.forEach(id -> audit.add(auditRow(id, "NO_SHOW", ws.at, null)));
    }
    if (!ws.checkIns.isEmpty()) {
      sent.add(conn.preparedQuery(CHECK_IN).executeBatch(ws.checkIns.stream()
        .map(c -> Tuple.of(toDb(c.at()), c.source().name(), c.bookingId())).toList()));
      ws.checkIns.forEach(c -> audit.add(auditRow(c.bookingId(), "CHECKED_IN", c.at(), c.source().name())));
    }
  }

  static void audit(SqlClient conn, List<Tuple> audit, List<Future<?>> sent) {
    if (!audit.isEmpty()) {
      MultiRowInsert.insert(conn, "booking_events (booking_id, event, at, detail)", 4, audit, "", sent);
    }
  }

  /** One row of a booking's history, written in the transaction of the change it records. */
  static Tuple auditRow(long bookingId, String event, Instant at, String detail) {
    return Tuple.of(bookingId, event, toDb(at), detail);
  }

  private static final String INSERT_REFUND = "INSERT INTO refunds (booking_id, payment_id, amount_minor, currency, status, "
    + "created_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', ?, ?)";

  /** A refund owed by this change: recorded PENDING with the change; the payment side sends it to the provider. */
  static void refundDue(SqlClient conn, long bookingId, WriteSet.RefundDue refund, Instant at, List<Future<?>> sent,
                        List<Tuple> audit) {
    if (refund != null && refund.amountMinor() > 0) {
      sent.add(conn.preparedQuery(INSERT_REFUND).execute(Tuple.of(bookingId, refund.paymentId(), refund.amountMinor(),
        refund.currency(), toDb(at), toDb(at))));
      audit.add(auditRow(bookingId, "REFUND_REQUESTED", at, refund.amountMinor() + " " + refund.currency()));
    }
  }

  /**
   * One lifecycle step in the caller's transaction (the db-lock engine): true when this statement made it, false
   * when the booking was no longer in the state it needs, so of racing steps exactly one wins. The step's audit row
   * (and for a paid hold its payment) are written in the same transaction.
   */
  Future<Boolean> step(SqlConnection conn, WriteSet ws, FreeUnits freeUnits) {
    String sql;
    Tuple args;
    if (!ws.confirms.isEmpty()) {
      sql = CONFIRM;
      args = Tuple.of(ws.confirms.get(0).bookingId());
    } else if (!ws.expiries.isEmpty()) {
      sql = EXPIRE;
      args = Tuple.of(ws.expiries.get(0).bookingId());
    } else if (!ws.noShows.isEmpty()) {
      sql = NO_SHOW;
      args = Tuple.of(ws.noShows.get(0));
    } else {
      WriteSet.CheckIn c = ws.checkIns.get(0);
      sql = CHECK_IN;
      args = Tuple.of(toDb(c.at()), c.source().name(), c.bookingId());
    }
    return conn.preparedQuery(sql).execute(args).compose(rows -> {
      if (rows.rowCount() != 1) {
        return Future.succeededFuture(false);
      }
      List<Future<?>> sent = new ArrayList<>();
      List<Tuple> audit = new ArrayList<>();
      ws.confirms.forEach(c -> {
        sent.add(conn.preparedQuery(PAID).execute(Tuple.of(c.paymentId(), toDb(ws.at), c.bookingId(), c.orderId())));
        audit.add(auditRow(c.bookingId(), "CONFIRMED", ws.at, "paid " + c.paymentId()));
      });
      ws.expiries.forEach(e -> {
        freeUnits.free(conn, List.of(e.bookingId()), sent);
        audit.add(auditRow(e.bookingId(), "EXPIRED", ws.at, e.why()));
      });
      ws.noShows.forEach(id -> {
        freeUnits.free(conn, List.of(id), sent);
        audit.add(auditRow(id, "NO_SHOW", ws.at, null));
      });
      ws.checkIns.forEach(c -> audit.add(auditRow(c.bookingId(), "CHECKED_IN", c.at(), c.source().name())));
      audit(conn, audit, sent);
      return Future.all(sent).map(true);
    });
  }

  /** Holds whose time is up at {@code now}, earliest first. */
  Future<List<Booking>> dueHolds(Instant now, int limit) {
    return pool.preparedQuery(DUE_HOLDS).execute(Tuple.of(toDb(now), limit)).map(BookingListRepository::bookings);
  }

  /**
   * Confirmed bookings nobody checked in to that started at or before {@code startedBy} and had not ended by
   * {@code endedAfter} (bookings long over, such as those made before check-in existed, are history, not no-shows).
   */
  Future<List<Booking>> dueNoShows(Instant startedBy, Instant endedAfter, int limit) {
    return pool.preparedQuery(DUE_NO_SHOWS).execute(Tuple.of(toDb(startedBy), toDb(endedAfter), limit)).map(BookingListRepository::bookings);
  }

  /** A booking's status read in the caller's transaction (after the charger's row lock). */
  Future<BookingStatus> statusOf(SqlConnection conn, long bookingId) {
    return conn.preparedQuery("SELECT status FROM bookings WHERE id = ?").execute(Tuple.of(bookingId))
      .map(rows -> rows.size() == 0 ? null : BookingStatus.valueOf(rows.iterator().next().getString("status")));
  }

  /** The confirmed booking on a charger whose check-in may be open now (starting within the lead time, not ended). */
  Future<Optional<Booking>> checkInCandidate(long chargerId, Instant now, int minutesBefore) {
    return pool.preparedQuery("SELECT " + BOOKING_COLUMNS + " FROM bookings b" + REFUND_JOIN + " WHERE b.charger_id = ? "
        + "AND b.status = 'CONFIRMED' AND b.start_at <= ? AND b.end_at > ? ORDER BY b.start_at DESC LIMIT 1")
      .execute(Tuple.of(chargerId, toDb(now.plusSeconds(minutesBefore * 60L)), toDb(now)))
      .map(rows -> BookingListRepository.bookings(rows).stream().findFirst());
  }

}
