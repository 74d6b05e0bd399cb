package com.chargeshare.booking;

import java.time.Instant;

/**
 * What the lifecycle adds to a booking: until when a hold waits for its payment, when and by whom the driver was
 * checked in, and the refund of a cancelled paid booking. Each part is null when it does not apply.
 */
public record Life(Instant holdExpiresAt, Instant checkedInAt, CheckInSource checkInSource, Refund refund) {

  public static final Life NONE = new Life(null, null, null, null);

  public static Life hold(Instant until) {
    return new Life(until, null, null, null);
  }

  Life checkedIn(Instant at, CheckInSource source) {
    return new Life(null, at, source, refund);
  }
}
