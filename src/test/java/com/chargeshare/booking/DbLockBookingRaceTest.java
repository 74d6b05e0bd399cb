package com.chargeshare.booking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Concurrent bookings through the db-lock engine")
class DbLockBookingRaceTest extends BookingRaceContract {

  @BeforeAll
  static void start() {
    startWith("db-lock");
  }
}
