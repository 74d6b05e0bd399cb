package com.chargeshare.booking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Fair booking through the db-lock engine")
class DbLockFairBookingTest extends FairBookingContract {

  @BeforeAll
  static void start() {
    startWith("db-lock");
  }
}
