package com.chargeshare.booking;

import com.chargeshare.auth.Principal;
import io.vertx.core.Future;

/**
 * A cancel as every caller makes it (API, driver's and host's pages): the engine's cancel, then the refund it owes
 * sent to the payment provider before the answer (with payments on). Wired in one place.
 */
@FunctionalInterface
public interface Canceller {

  Future<Booking> cancel(long bookingId, Principal by, String reason);
}
