package com.chargeshare.loadtest;

/** How one load request ended, as the report counts it. */
public enum Outcome {
  /** A booking answered 201. */
  CONFIRMED,
  /** A 409: the slot was taken (or, for a cancel, no longer cancellable). Not an error. */
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
    if (status == 409) {
      return REJECTED;
    }
    if (status >= 200 && status < 300) {
      return OK;
    }
    return ERROR;
  }
}
