package com.chargeshare.booking;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Concurrent bookings through the sharded event-bus engine")
class EventBusBookingRaceTest extends BookingRaceContract {

  EventBusBookingRaceTest() {
    super("event-bus");
  }
}
