package com.chargeshare.booking;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Concurrent bookings through the db-lock engine")
class DbLockBookingRaceTest extends BookingRaceContract {

  DbLockBookingRaceTest() {
    super("db-lock");
  }
}
