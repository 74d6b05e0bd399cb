package com.chargeshare.booking;

import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.charger.Charger;
import io.vertx.core.Future;

/** Who may read a charger's access instructions: its host, and drivers holding a confirmed booking on it. */
public final class AccessInstructions {

  private final BookingRepository bookings;

  public AccessInstructions(BookingRepository bookings) {
    this.bookings = bookings;
  }

  public Future<Boolean> visibleTo(Principal p, Charger c) {
    if (p == null) {
      return Future.succeededFuture(false);
    }
    if (p.id() == c.hostId()) {
      return Future.succeededFuture(true);
    }
    return p.is(Role.DRIVER) ? bookings.driverHasBooking(p.id(), c.id()) : Future.succeededFuture(false);
  }
}
