package com.chargeshare.booking;

import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.charger.Charger;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Who may read a charger's access instructions: its host always; a driver only from {@code hoursBefore} hours
 * before the start of a confirmed booking of theirs on it until that booking's end.
 */
public final class AccessInstructions {

  private final BookingRepository bookings;
  private final Duration before;
  private final Clock clock;

  public AccessInstructions(BookingRepository bookings, int hoursBefore, Clock clock) {
    this.bookings = bookings;
    this.before = Duration.ofHours(hoursBefore);
    this.clock = clock;
  }

  public Future<Boolean> visibleTo(Principal p, Charger c) {
    if (p == null) {
      return Future.succeededFuture(false);
    }
    if (p.id() == c.hostId()) {
      return Future.succeededFuture(true);
    }
    Instant now = clock.instant();
    return p.is(Role.DRIVER) ? bookings.driverHasBookingAround(p.id(), c.id(), now, now.plus(before)) : Future.succeededFuture(false);
  }
}
