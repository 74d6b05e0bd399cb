package com.chargeshare.loadtest;

/** How one load request ended, as the report counts it. */
public enum Outcome {
  /** A booking answered 201. */
  CONFIRMED,
  /**
   * A 409: the slot was taken, a fair-booking rule refused it (or, for a cancel, no longer cancellable); or, for a
   * booking, a 429 of the per-user attempt limit. Not an error: the server kept its rules.
   */
  REJECTED,
  /** Any other 2xx (search, slot view, cancel). */
  OK,
  /** 5xx, unexpected 4xx, timeouts, connection failures and requests dropped by the generator. */
  ERROR;

  /** Maps an HTTP status to an outcome; 201 counts as confirmed only for booking requests. */
  public static Outcome ofStatus(int status, boolean booking) {
    if (booking && status == 201) {
      return CONFIRMED;
    }
    if (status == 409 || booking && status == 429) {
      return REJECTED;
    }
    if (status >= 200 && status < 300) {
      return OK;
    }
    return ERROR;
  }
}
