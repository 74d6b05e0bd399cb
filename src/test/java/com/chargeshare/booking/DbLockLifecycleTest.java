package com.chargeshare.booking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Check-in and no-shows through the db-lock engine")
class DbLockLifecycleTest extends LifecycleContract {

  @BeforeAll
  static void start() {
    startWith("db-lock");
  }
}
