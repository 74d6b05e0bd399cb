package com.chargeshare.payment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Payments through Razorpay with the db-lock engine")
class DbLockPaymentsTest extends PaymentsContract {

  @BeforeAll
  static void start() {
    startWith("db-lock");
  }
}
