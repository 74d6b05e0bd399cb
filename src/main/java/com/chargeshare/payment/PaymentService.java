package com.chargeshare.payment;

import com.chargeshare.auth.Principal;
import com.chargeshare.booking.Booking;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.BookingRepository;
import com.chargeshare.booking.BookingStatus;
import com.chargeshare.booking.HoldCheck;
import com.chargeshare.booking.LifecycleEvent;
import com.chargeshare.booking.LifecycleEvents;
import com.chargeshare.booking.Settlement;
import com.chargeshare.config.AppConfig;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.PaymentInvalid;
import com.chargeshare.failure.Unavailable;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Payments through Razorpay: an order for each hold (the amount is the server's, never the client's), the hold's
 * confirmation by the checkout callback or the webhook (whichever comes first; the engine's owner confirms once), a
 * late payment for a hold that is gone recorded and refunded in full, and refunds sent to Razorpay and recorded
 * with their status.
 */
public final class PaymentService {

  private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

  private final AppConfig.Razorpay settings;
  private final RazorpayClient razorpay;
  private final PaymentRepository payments;
  private final BookingRepository bookings;
  private final BookingEngine engine;
  private final LifecycleEvents events;
  private final Clock clock;

  public PaymentService(AppConfig.Razorpay settings, RazorpayClient razorpay, PaymentRepository payments, BookingRepository bookings,
                        BookingEngine engine, LifecycleEvents events, Clock clock) {
    this.settings = settings;
    this.razorpay = razorpay;
    this.payments = payments;
    this.bookings = bookings;
    this.engine = engine;
    this.events = events;
    this.clock = clock;
  }

  /** What the client needs to open Razorpay Checkout for an order. */
  private JsonObject paymentJson(String orderId, long amountMinor, String currency) {
    return new JsonObject().put("provider", "razorpay").put("orderId", orderId).put("amountMinor", amountMinor)
      .put("currency", currency).put("keyId", settings.keyId());
  }

  /**
   * Creates the hold's order at Razorpay for the booking's price; when that fails the hold is let go at once (its
   * slots are free again) and the answer is 503.
   */
  public Future<JsonObject> open(Booking hold) {
    return razorpay.createOrder(hold.priceMinor(), hold.currency(), "booking-" + hold.id())
      .compose(orderId -> payments.insertOrder(hold.id(), orderId, hold.priceMinor(), hold.currency(), clock.instant())
        .map(v -> paymentJson(orderId, hold.priceMinor(), hold.currency())))
      .recover(err -> engine.releaseHold(hold, "order not created").transform(ar -> Future.failedFuture(
        new Unavailable("The payment provider cannot take the payment now; nothing was booked. Try again shortly"))));
  }

  /** The order of a booking, for a replayed answer or a page. */
  public Future<Optional<JsonObject>> paymentOf(long bookingId) {
    return payments.byBooking(bookingId).map(o -> o.map(order -> paymentJson(order.orderId(), order.amountMinor(), order.currency())));
  }

  /**
   * The checkout's callback: the order must be this booking's and the signature Razorpay's (HMAC-SHA256 of
   * {@code orderId|paymentId} with the key secret, compared in constant time); otherwise PAYMENT_INVALID and nothing
   * changes.
   */
  public Future<Booking> checkout(long bookingId, Principal driver, String orderId, String paymentId, String signature) {
    return bookings.byId(bookingId).compose(found -> {
      Booking b = found.filter(o -> o.booking().driverId() == driver.id()).orElseThrow(() -> new NotFound("Booking")).booking();
      return payments.byBooking(b.id()).compose(order -> {
        if (order.isEmpty() || !order.get().orderId().equals(orderId)) {
          throw new PaymentInvalid("This order is not this booking's");
        }
        if (!Signatures.matches(Signatures.checkout(settings.keySecret(), orderId, paymentId), signature)) {
          throw new PaymentInvalid("The payment's signature does not match");
        }
        return settle(order.get(), paymentId);
      });
    });
  }

  /**
   * A webhook delivery: {@code X-Razorpay-Signature} must be the HMAC-SHA256 of the raw body with the webhook secret.
   * {@code payment.captured} and {@code order.paid} confirm the order's hold; other events are acknowledged and ignored.
   */
  public Future<Void> webhook(Buffer raw, String signature) {
    if (!Signatures.matches(Signatures.hmacHex(settings.webhookSecret(), raw.getBytes()), signature)) {
      return Future.failedFuture(new PaymentInvalid("The webhook's signature does not match"));
    }
    JsonObject body;
    try {
      body = raw.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new PaymentInvalid("The webhook's body is not a JSON object"));
    }
    String event = body.getString("event", "");
    if (!"payment.captured".equals(event) && !"order.paid".equals(event)) {
      return Future.succeededFuture();
    }
    JsonObject payload = body.getJsonObject("payload", new JsonObject());
    JsonObject payment = payload.getJsonObject("payment", new JsonObject()).getJsonObject("entity", new JsonObject());
    String orderId = "order.paid".equals(event)
      ? payload.getJsonObject("order", new JsonObject()).getJsonObject("entity", new JsonObject()).getString("id")
      : payment.getString("order_id");
    String paymentId = payment.getString("id");
    if (orderId == null || paymentId == null) {
      return Future.failedFuture(new PaymentInvalid("The webhook names no order or no payment"));
    }
    return payments.byOrderId(orderId).compose(order -> {
      if (order.isEmpty()) {
        throw new PaymentInvalid("Unknown order");
      }
      PaymentRepository.Order o = order.get();
      if (payment.getLong("amount", -1L) != o.amountMinor() || !o.currency().equals(payment.getString("currency"))) {
        throw new PaymentInvalid("The payment's amount is not the order's");
      }
      return settle(o, paymentId).mapEmpty();
    });
  }

  /**
   * The engine's owner confirms the hold once; a repeat (the other channel, a replayed delivery) changes nothing. A
   * payment for a hold that is gone (expired, cancelled) is recorded LATE and refunded in full: never a double booking.
   */
  private Future<Booking> settle(PaymentRepository.Order order, String paymentId) {
    if (!order.open()) {
      if (!paymentId.equals(order.paymentId())) {
        log.warn("Booking {}: a second payment for an order settled before; left to the operator", order.bookingId());
      }
      return current(order.bookingId());
    }
    return current(order.bookingId()).compose(hold -> hold.status() != BookingStatus.PENDING_PAYMENT
        ? Future.succeededFuture(new BookingEngine.Paying(Settlement.NOT_HELD, hold))
        : engine.pay(hold, new HoldCheck.Paid(order.orderId(), paymentId)))
      .compose(paying -> {
        if (paying.settlement() != Settlement.NOT_HELD) {
          return Future.succeededFuture(paying.booking());
        }
        return payments.late(order, paymentId, clock.instant())
          .compose(first -> first ? sendRefund(order.bookingId()) : Future.succeededFuture())
          .compose(v -> current(order.bookingId()));
      });
  }

  private Future<Booking> current(long bookingId) {
    return bookings.byId(bookingId).map(found -> found.orElseThrow(() -> new NotFound("Booking")).booking());
  }

  /** After a cancel that owes a refund: sends it at once; a failure is recorded and retried later. Answers the booking. */
  public Future<Booking> afterCancel(Booking cancelled) {
    if (cancelled.life().refund() == null) {
      return Future.succeededFuture(cancelled);
    }
    return sendRefund(cancelled.id()).compose(v -> current(cancelled.id()));
  }

  /**
   * Sends a refund owed to Razorpay unless it took it already; records its answer (or the failure) with its audit
   * row, and tells the lifecycle's listeners once Razorpay took it.
   */
  public Future<Void> sendRefund(long bookingId) {
    return payments.refundOf(bookingId).compose(owed -> {
      if (owed.isEmpty() || owed.get().providerRefundId() != null) {
        return Future.succeededFuture();
      }
      PaymentRepository.OwedRefund r = owed.get();
      java.time.Instant now = clock.instant();
      return payments.claimRefund(bookingId, now, now.plusSeconds(60)).compose(mine -> !mine ? Future.<Void>succeededFuture()
        : razorpay.refund(r.paymentId(), r.amountMinor(), "booking-" + bookingId)
        .compose(answer -> payments.refundSent(bookingId, answer.id(), "processed".equals(answer.status()) ? "PROCESSED" : "PENDING",
            clock.instant())
          .compose(recorded -> !recorded ? Future.<Void>succeededFuture()
            : bookings.byId(bookingId).<Void>map(found -> {
              found.ifPresent(o -> events.publish(LifecycleEvent.Kind.REFUNDED, o.booking(), o.hostId()));
              return null;
            })))
        .recover(err -> payments.refundFailed(bookingId, clock.instant())));
    });
  }

  /** Sends the refunds still owed (Razorpay was down when they were first sent); run periodically. */
  public Future<Void> retryRefunds(int afterSeconds) {
    return payments.refundsToSend(clock.instant().minusSeconds(afterSeconds), 50).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        chain = chain.compose(v -> sendRefund(id));
      }
      return chain;
    });
  }
}
