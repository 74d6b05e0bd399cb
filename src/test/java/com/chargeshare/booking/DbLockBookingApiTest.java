package com.chargeshare.booking;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Bookings through the db-lock engine")
class DbLockBookingApiTest extends BookingApiContract {

  DbLockBookingApiTest() {
    super("db-lock");
  }
}
