package com.chargeshare.booking;

import java.time.Instant;

/**
 * What travels to a driver ledger's owner over the event bus (by reference, through {@link LocalCodec}). Every
 * command names its driver, whose id alone picks the owner's address.
 */
final class DriverMessages {

  private DriverMessages() {
  }

  sealed interface Command permits Reserve, Count, Settle, Released, Reread {
    long driverId();
  }

  /**
   * Answered with {@link DriverLedger.Granted}, or with the refusal itself. With {@code count} the request is first
   * counted against the driver's booking attempts per minute (RATE_LIMITED past it, before any rule is asked).
   */
  record Reserve(DriverLedger.Request request, boolean count) implements Command {
    public long driverId() {
      return request.driverId();
    }
  }

  /**
   * Counts a booking request that asks for no reservation (answered before it reached the engine, or the driver
   * rules are off): answered with the milliseconds to wait, 0 when it was allowed and counted.
   */
  record Count(long driverId) implements Command {
  }

  /**
   * The charger's answer to a granted reservation; {@code bookingId} 0 when nothing was booked, {@code seat} the one
   * the booking took. Not answered.
   */
  record Settle(long driverId, long reservation, long bookingId, Instant start, Instant end, int seat) implements Command {
  }

  /** A booking of the driver was cancelled. Not answered. */
  record Released(long driverId, long bookingId) implements Command {
  }

  /** MySQL refused a claim of this driver that the ledger did not expect: re-read the driver. Not answered. */
  record Reread(long driverId) implements Command {
  }
}
