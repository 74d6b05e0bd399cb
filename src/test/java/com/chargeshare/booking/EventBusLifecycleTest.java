package com.chargeshare.booking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Check-in and no-shows through the event-bus engine")
class EventBusLifecycleTest extends LifecycleContract {

  @BeforeAll
  static void start() {
    startWith("event-bus");
  }
}
