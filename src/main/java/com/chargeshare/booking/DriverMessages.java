package com.chargeshare.booking;

import java.time.Instant;

/**
 * What travels to a driver ledger's owner over the event bus (by reference, through {@link LocalCodec}). Every
 * command names its driver, whose id alone picks the owner's address.
 */
final class DriverMessages {

  private DriverMessages() {
  }

  sealed interface Command permits Reserve, Settle, Released, Reread {
    long driverId();
  }

  /** Answered with {@link DriverLedger.Granted}, or with the refusal itself. */
  record Reserve(DriverLedger.Request request) implements Command {
    public long driverId() {
      return request.driverId();
    }
  }

  /** The charger's answer to a granted reservation; {@code bookingId} 0 when nothing was booked. Not answered. */
  record Settle(long driverId, long reservation, long bookingId, Instant start, Instant end) implements Command {
  }

  /** A booking of the driver was cancelled. Not answered. */
  record Released(long driverId, long bookingId) implements Command {
  }

  /** MySQL refused a claim of this driver that the ledger did not expect: re-read the driver. Not answered. */
  record Reread(long driverId) implements Command {
  }
}
