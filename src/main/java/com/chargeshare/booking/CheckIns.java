package com.chargeshare.booking;

import com.chargeshare.auth.Principal;
import com.chargeshare.failure.NotFound;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;

/**
 * Check-in, from either side: the driver on the page or the API, or the charger itself when it reports that a
 * charging session started (OCPP's StartTransaction, a later issue). Both go through the engine, so a check-in and a
 * no-show of one booking are decided in one order.
 */
public final class CheckIns {

  private final BookingEngine engine;
  private final BookingRepository bookings;
  private final LifecycleRules rules;
  private final Clock clock;

  public CheckIns(BookingEngine engine, BookingRepository bookings, LifecycleRules rules, Clock clock) {
    this.engine = engine;
    this.bookings = bookings;
    this.rules = rules;
    this.clock = clock;
  }

  public LifecycleRules rules() {
    return rules;
  }

  /** The engine's now, by which check-in opens and closes. */
  public Instant now() {
    return clock.instant();
  }

  /** The booking's own driver checks in; anyone else hears 404. */
  public Future<Booking> byDriver(long bookingId, Principal driver) {
    return bookings.byId(bookingId).compose(found -> {
      Booking b = found.filter(o -> o.booking().driverId() == driver.id()).orElseThrow(() -> new NotFound("Booking")).booking();
      return engine.checkIn(b, CheckInSource.DRIVER);
    });
  }

  /**
   * The charger started a session: the confirmed booking whose check-in is open now on that charger is checked in
   * for its driver; none → 409 CHECK_IN_NOT_OPEN.
   */
  public Future<Booking> byCharger(long chargerId) {
    Instant now = clock.instant();
    return bookings.lifecycle().checkInCandidate(chargerId, now, rules.checkInMinutesBefore()).compose(found -> found
      .map(b -> engine.checkIn(b, CheckInSource.CHARGER))
      .orElseGet(() -> Future.failedFuture(LifecycleRules.checkInClosed())));
  }
}
