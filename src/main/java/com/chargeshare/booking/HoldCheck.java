package com.chargeshare.booking;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * Asked by a hold's owner just before it lets the hold expire: was it paid after all (a webhook that never came)?
 * The payment side answers with the payment that paid it; the owner then confirms instead of expiring.
 */
@FunctionalInterface
public interface HoldCheck {

  /** Nothing to ask: payments off. */
  HoldCheck NONE = bookingId -> Future.succeededFuture(Optional.empty());

  Future<Optional<Paid>> paid(long bookingId);

  /** A payment that paid a hold's order, as the provider names them. */
  record Paid(String orderId, String paymentId) {
  }
}
