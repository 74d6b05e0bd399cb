package com.chargeshare.booking;

/** Who cancelled a booking: its driver or the charger's host. */
public enum CancelledBy {
  DRIVER,
  HOST
}
