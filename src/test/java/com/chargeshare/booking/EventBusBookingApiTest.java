package com.chargeshare.booking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Bookings through the sharded event-bus engine")
class EventBusBookingApiTest extends BookingApiContract {

  @BeforeAll
  static void start() {
    startWith("event-bus");
  }
}
