package com.chargeshare.booking;

/** Money going back to the driver of a paid booking, in minor units, and how far it got at the provider. */
public record Refund(long amountMinor, String currency, Status status) {

  public enum Status { PENDING, PROCESSED, FAILED }
}
