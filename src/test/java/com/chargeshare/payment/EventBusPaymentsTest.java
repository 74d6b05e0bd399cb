package com.chargeshare.payment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Payments through Razorpay with the event-bus engine")
class EventBusPaymentsTest extends PaymentsContract {

  @BeforeAll
  static void start() {
    startWith("event-bus");
  }
}
