package com.chargeshare.booking;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Bookings through the sharded event-bus engine")
class EventBusBookingApiTest extends BookingApiContract {

  EventBusBookingApiTest() {
    super("event-bus");
  }
}
