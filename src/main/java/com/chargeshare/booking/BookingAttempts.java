package com.chargeshare.booking;

import com.chargeshare.failure.RateLimited;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Counts booking requests per user per minute; past {@code CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE} a request fails
 * with RATE_LIMITED (and when the next may succeed) before it reaches any engine. An interface, so that a counter
 * shared by the whole cluster ({@code cluster/ClusterBookingAttempts}) replaces the one node's {@link LocalBookingAttempts}
 * on a clustered node.
 */
public interface BookingAttempts {

  /** Counts one attempt; fails with {@link com.chargeshare.failure.RateLimited} when over the limit. */
  Future<Void> attempt(long userId);

  /** Allowed when there is nothing to wait for; otherwise RATE_LIMITED with the wait rounded up to whole seconds. */
  static Future<Void> verdict(long waitMillis) {
    return waitMillis <= 0 ? Future.succeededFuture()
      : Future.failedFuture(new RateLimited("Too many booking attempts; try again shortly",
        Duration.ofMillis(waitMillis).plusMillis(999).truncatedTo(ChronoUnit.SECONDS)));
  }

  /** No limit. */
  BookingAttempts UNLIMITED = userId -> Future.succeededFuture();
}
