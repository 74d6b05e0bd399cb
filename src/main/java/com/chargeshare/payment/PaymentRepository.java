package com.chargeshare.payment;

import com.chargeshare.db.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders made at the provider for holds ({@code payments}) and the refunds owed ({@code refunds}); every change of a
 * booking's money is written with its audit row ({@code booking_events}) in one transaction.
 */
public final class PaymentRepository {

  private static final String ORDER_COLUMNS = "SELECT booking_id, order_id, payment_id, amount_minor, currency, status FROM payments ";
  private static final String INSERT_ORDER = "INSERT INTO payments (booking_id, provider, order_id, amount_minor, currency, status, "
    + "created_at) VALUES (?, 'razorpay', ?, ?, ?, 'CREATED', ?)";
  private static final String LATE = "UPDATE payments SET status = 'LATE', payment_id = ?, paid_at = ? "
    + "WHERE order_id = ? AND status = 'CREATED'";
  private static final String INSERT_REFUND = "INSERT INTO refunds (booking_id, payment_id, amount_minor, currency, status, "
    + "created_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', ?, ?)";
  private static final String REFUND_OF = "SELECT booking_id, payment_id, amount_minor, currency, status, provider_refund_id, attempts "
    + "FROM refunds WHERE booking_id = ?";
  private static final String REFUNDS_TO_SEND = "SELECT booking_id FROM refunds "
    + "WHERE status IN ('PENDING', 'FAILED') AND provider_refund_id IS NULL AND updated_at <= ? ORDER BY updated_at LIMIT ?";
  private static final String CLAIM_REFUND = "UPDATE refunds SET sending_until = ? WHERE booking_id = ? AND provider_refund_id IS NULL "
    + "AND (sending_until IS NULL OR sending_until < ?)";
  private static final String REFUND_SENT = "UPDATE refunds SET status = ?, provider_refund_id = ?, attempts = attempts + 1, "
    + "updated_at = ?, sending_until = NULL WHERE booking_id = ? AND provider_refund_id IS NULL";
  private static final String REFUND_FAILED = "UPDATE refunds SET status = 'FAILED', attempts = attempts + 1, updated_at = ?, "
    + "sending_until = NULL WHERE booking_id = ? AND provider_refund_id IS NULL";
  private static final String AUDIT = "INSERT INTO booking_events (booking_id, event, at, detail) VALUES (?, ?, ?, ?)";

  private final Pool pool;

  public PaymentRepository(Pool pool) {
    this.pool = pool;
  }

  /** A hold's order; {@code status} CREATED, PAID or LATE. */
  public record Order(long bookingId, String orderId, String paymentId, long amountMinor, String currency, String status) {
    boolean open() {
      return "CREATED".equals(status);
    }
  }

  /** A refund owed; {@code providerRefundId} once the provider took it. */
  public record OwedRefund(long bookingId, String paymentId, long amountMinor, String currency, String status,
                           String providerRefundId) {
  }

  public Future<Void> insertOrder(long bookingId, String orderId, long amountMinor, String currency, Instant at) {
    return pool.preparedQuery(INSERT_ORDER).execute(Tuple.of(bookingId, orderId, amountMinor, currency, UtcTimes.toDb(at))).mapEmpty();
  }

  public Future<Optional<Order>> byOrderId(String orderId) {
    return pool.preparedQuery(ORDER_COLUMNS + "WHERE order_id = ?").execute(Tuple.of(orderId)).map(PaymentRepository::order);
  }

  public Future<Optional<Order>> byBooking(long bookingId) {
    return pool.preparedQuery(ORDER_COLUMNS + "WHERE booking_id = ?").execute(Tuple.of(bookingId)).map(PaymentRepository::order);
  }

  private static Optional<Order> order(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    return Optional.of(new Order(r.getLong("booking_id"), r.getString("order_id"), r.getString("payment_id"),
      r.getLong("amount_minor"), r.getString("currency"), r.getString("status")));
  }

  /**
   * A payment for an order whose hold is gone: recorded LATE with a full refund owed, and its audit rows, in one
   * transaction; false when the order was settled already (a duplicate), so a late payment is refunded once.
   */
  public Future<Boolean> late(Order o, String paymentId, Instant at) {
    return pool.withTransaction(conn -> conn.preparedQuery(LATE).execute(Tuple.of(paymentId, UtcTimes.toDb(at), o.orderId()))
      .compose(rows -> {
        if (rows.rowCount() != 1) {
          return Future.succeededFuture(false);
        }
        return conn.preparedQuery(INSERT_REFUND).execute(Tuple.of(o.bookingId(), paymentId, o.amountMinor(), o.currency(),
            UtcTimes.toDb(at), UtcTimes.toDb(at)))
          .compose(v -> conn.preparedQuery(AUDIT).executeBatch(List.of(
            Tuple.of(o.bookingId(), "LATE_PAYMENT", UtcTimes.toDb(at), "paid " + paymentId + " after the hold ended"),
            Tuple.of(o.bookingId(), "REFUND_REQUESTED", UtcTimes.toDb(at), o.amountMinor() + " " + o.currency()))))
          .map(true);
      }));
  }

  public Future<Optional<OwedRefund>> refundOf(long bookingId) {
    return pool.preparedQuery(REFUND_OF).execute(Tuple.of(bookingId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new OwedRefund(r.getLong("booking_id"), r.getString("payment_id"), r.getLong("amount_minor"),
        r.getString("currency"), r.getString("status"), r.getString("provider_refund_id")));
    });
  }

  /** Refunds not yet taken by the provider, last tried at or before {@code before}. */
  public Future<List<Long>> refundsToSend(Instant before, int limit) {
    return pool.preparedQuery(REFUNDS_TO_SEND).execute(Tuple.of(UtcTimes.toDb(before), limit)).map(rows -> {
      List<Long> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getLong("booking_id")));
      return out;
    });
  }

  /**
   * Takes the refund for sending until {@code until}: false when another sender (this node's retry, another node)
   * holds it, so a refund is never sent twice side by side.
   */
  public Future<Boolean> claimRefund(long bookingId, Instant now, Instant until) {
    return pool.preparedQuery(CLAIM_REFUND).execute(Tuple.of(UtcTimes.toDb(until), bookingId, UtcTimes.toDb(now)))
      .map(rows -> rows.rowCount() == 1);
  }

  /** The provider took the refund ({@code status} PROCESSED or PENDING at its end): recorded with its audit row. */
  public Future<Boolean> refundSent(long bookingId, String providerRefundId, String status, Instant at) {
    return pool.withTransaction(conn -> conn.preparedQuery(REFUND_SENT)
      .execute(Tuple.of(status, providerRefundId, UtcTimes.toDb(at), bookingId))
      .compose(rows -> rows.rowCount() != 1 ? Future.succeededFuture(false)
        : conn.preparedQuery(AUDIT).execute(Tuple.of(bookingId, "REFUNDED", UtcTimes.toDb(at), providerRefundId + " " + status))
          .map(true)));
  }

  /** The provider could not be asked or refused: FAILED (tried again later), with its audit row. */
  public Future<Void> refundFailed(long bookingId, Instant at) {
    return pool.withTransaction(conn -> conn.preparedQuery(REFUND_FAILED).execute(Tuple.of(UtcTimes.toDb(at), bookingId))
      .compose(rows -> rows.rowCount() != 1 ? Future.succeededFuture()
        : conn.preparedQuery(AUDIT).execute(Tuple.of(bookingId, "REFUND_FAILED", UtcTimes.toDb(at), null)).mapEmpty()));
  }
}
