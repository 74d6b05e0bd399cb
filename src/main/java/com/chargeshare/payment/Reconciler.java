package com.chargeshare.payment;

import com.chargeshare.booking.HoldCheck;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * Asked by a hold's owner before the hold expires: whose webhook never came? It asks Razorpay for the order's
 * payments ({@code GET /v1/orders/{id}/payments}); a captured one of the order's amount confirms the hold instead.
 * When Razorpay cannot be asked the hold expires as planned, and a payment that arrives later is refunded.
 */
public final class Reconciler implements HoldCheck {

  private final RazorpayClient razorpay;
  private final PaymentRepository payments;

  public Reconciler(RazorpayClient razorpay, PaymentRepository payments) {
    this.razorpay = razorpay;
    this.payments = payments;
  }

  @Override
  public Future<Optional<Paid>> paid(long bookingId) {
    return payments.byBooking(bookingId).compose(order -> {
      if (order.isEmpty() || !order.get().open()) {
        return Future.succeededFuture(Optional.<Paid>empty());
      }
      PaymentRepository.Order o = order.get();
      return razorpay.paymentsOf(o.orderId()).map(list -> list.stream()
        .filter(p -> p.captured() && p.amountMinor() == o.amountMinor() && o.orderId().equals(p.orderId()))
        .findFirst()
        .map(p -> new Paid(o.orderId(), p.id())));
    });
  }
}
