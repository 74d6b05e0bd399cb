package com.chargeshare.booking;

import com.chargeshare.auth.Principal;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.NotFound;
import io.vertx.core.Future;

import java.time.Instant;

/** Who may cancel what, the same for both engines: the driver or the charger's host, before it starts. */
final class Cancellation {

  private Cancellation() {
  }

  static Future<Booking> authorize(BookingRepository repo, long bookingId, Principal by, Instant now) {
    return repo.byId(bookingId).compose(found -> {
      var owned = found.filter(o -> o.booking().driverId() == by.id() || o.hostId() == by.id())
        .orElseThrow(() -> new NotFound("Booking"));
      Booking b = owned.booking();
      if (!b.cancellableAt(now)) {
        throw refused();
      }
      return Future.succeededFuture(b);
    });
  }

  static Conflict refused() {
    return new Conflict(Conflict.Reason.BOOKING_NOT_CANCELLABLE, "Only a confirmed booking that has not started can be cancelled");
  }
}
