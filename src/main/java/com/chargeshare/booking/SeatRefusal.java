package com.chargeshare.booking;

import com.chargeshare.failure.Unavailable;
import io.vertx.core.Future;

import java.time.Instant;

/**
 * MySQL's {@code driver_seats} refused a booking: the seat its decider gave it is held by a booking not yet ended
 * that the decider did not know of. MySQL's count of the driver's upcoming bookings tells which answer is true:
 * BOOKING_LIMIT when the driver is at the limit, otherwise a 503 to try again (the decider re-reads the driver
 * meanwhile and gives the next request a free seat).
 */
final class SeatRefusal {

  private SeatRefusal() {
  }

  static Future<Throwable> of(DriverLedgerRepository repo, DriverRules rules, long driverId, Instant now) {
    Throwable retry = new Unavailable("Your other bookings are being counted; try again in a moment");
    return repo.upcomingOf(driverId, now)
      .map(held -> held.size() >= rules.maxUpcoming() ? (Throwable) DriverLedger.limitFailure(rules.maxUpcoming()) : retry)
      .otherwise(retry);
  }
}
