package com.chargeshare.booking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Bookings through the db-lock engine")
class DbLockBookingApiTest extends BookingApiContract {

  @BeforeAll
  static void start() {
    startWith("db-lock");
  }
}
