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

  /** The booking with what was paid for it, when this user may cancel it now. */
  static Future<BookingRepository.OwnedBooking> authorizeOwned(BookingRepository repo, long bookingId, Principal by, Instant now) {
    return repo.byId(bookingId).compose(found -> {
      var owned = found.filter(o -> o.booking().driverId() == by.id() || o.hostId() == by.id())
        .orElseThrow(() -> new NotFound("Booking"));
      if (!owned.booking().cancellableAt(now)) {
        throw refused();
      }
      return Future.succeededFuture(owned);
    });
  }

  /** The booking as cancelled, with the refund its cancel recorded (PENDING until the provider answers). */
  static Booking cancelled(Booking b, CancelledBy role, String reason, WriteSet.RefundDue refund) {
    Booking out = b.cancelled(role, reason);
    return refund == null ? out : out.withLife(new Life(null, out.life().checkedInAt(), out.life().checkInSource(),
      new Refund(refund.amountMinor(), refund.currency(), Refund.Status.PENDING)));
  }

  static Conflict refused() {
    return new Conflict(Conflict.Reason.BOOKING_NOT_CANCELLABLE, "Only a confirmed booking that has not started can be cancelled");
  }
}
