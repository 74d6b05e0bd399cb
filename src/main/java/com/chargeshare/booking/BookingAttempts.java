package com.chargeshare.booking;

import com.chargeshare.failure.RateLimited;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Counts booking requests per user per minute; past {@code CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE} a request fails
 * with RATE_LIMITED (and when the next may succeed). The engine counts every request it is asked to decide
 * ({@link BookingEngine#book(BookingEngine.BookRequest, Receipt, boolean)}); this counter, the same one, counts the
 * requests answered before they reach it, so each request counts once, wherever it ends.
 */
public interface BookingAttempts {

  /** Counts one attempt; fails with {@link RateLimited} when over the limit. */
  Future<Void> attempt(long userId);

  /** Allowed when there is nothing to wait for; otherwise RATE_LIMITED. */
  static Future<Void> verdict(long waitMillis) {
    return waitMillis <= 0 ? Future.succeededFuture() : Future.failedFuture(refusal(waitMillis));
  }

  /** RATE_LIMITED with the wait rounded up to whole seconds. */
  static RateLimited refusal(long waitMillis) {
    return new RateLimited("Too many booking attempts; try again shortly",
      Duration.ofMillis(waitMillis).plusMillis(999).truncatedTo(ChronoUnit.SECONDS));
  }

  /** No limit. */
  BookingAttempts UNLIMITED = userId -> Future.succeededFuture();
}
