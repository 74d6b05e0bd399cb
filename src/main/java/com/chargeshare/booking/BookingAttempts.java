package com.chargeshare.booking;

import io.vertx.core.Future;

/**
 * Counts booking requests per user per minute; past {@code CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE} a request fails
 * with RATE_LIMITED (and when the next may succeed) before it reaches any engine. An interface, so that a counter
 * shared by the whole cluster can replace the one node's {@link LocalBookingAttempts}.
 */
public interface BookingAttempts {

  /** Counts one attempt; fails with {@link com.chargeshare.failure.RateLimited} when over the limit. */
  Future<Void> attempt(long userId);

  /** No limit. */
  BookingAttempts UNLIMITED = userId -> Future.succeededFuture();
}
