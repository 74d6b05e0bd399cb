package com.chargeshare.booking;

/**
 * A booking's status; the names are the database's and the API's values. {@code PENDING_PAYMENT} is a hold that
 * claims its slots until paid or until it lapses ({@code EXPIRED}); {@code NO_SHOW} is a confirmed booking nobody
 * checked in to, whose rest was freed.
 */
public enum BookingStatus {
  CONFIRMED, CANCELLED, PENDING_PAYMENT, EXPIRED, NO_SHOW;

  /** Whether a booking in this status occupies its slots (and its driver's time). */
  public boolean claims() {
    return this == CONFIRMED || this == PENDING_PAYMENT;
  }
}
