package com.chargeshare.booking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Fair booking through the event-bus engine")
class EventBusFairBookingTest extends FairBookingContract {

  @BeforeAll
  static void start() {
    startWith("event-bus");
  }
}
