package com.chargeshare.booking;

import com.chargeshare.failure.Conflict;

import java.time.Duration;
import java.time.Instant;

/**
 * The lifecycle's timing, the same for both engines: how long a hold waits for its payment ({@code holdSeconds};
 * 0 = payments off, bookings confirm at once), from when a driver may check in, and how long after its start a
 * confirmed booking nobody checked in to becomes a no-show. {@code tickMillis}: how often owners look for what is due.
 */
public record LifecycleRules(int holdSeconds, int checkInMinutesBefore, int noShowMinutes, long tickMillis) {

  public static final LifecycleRules DEFAULT = new LifecycleRules(0, 15, 15, 1000);

  public boolean holds() {
    return holdSeconds > 0;
  }

  /** The status a new booking gets: a hold when payments are on. */
  BookingStatus newStatus() {
    return holds() ? BookingStatus.PENDING_PAYMENT : BookingStatus.CONFIRMED;
  }

  /**
   * A hold made now for a window starting at {@code start}: {@code holdSeconds} from now, but never past the window's
   * no-show deadline, so a booking paid in time can still be checked in to.
   */
  Instant holdUntil(Instant now, Instant start) {
    if (!holds()) {
      return null;
    }
    Instant until = now.plusSeconds(holdSeconds);
    return until.isAfter(noShowAt(start)) ? noShowAt(start) : until;
  }

  public Instant noShowAt(Instant start) {
    return start.plus(Duration.ofMinutes(noShowMinutes));
  }

  public Instant checkInOpensAt(Instant start) {
    return start.minus(Duration.ofMinutes(checkInMinutesBefore));
  }

  /** Check-in is open from {@code checkInMinutesBefore} before start until the no-show deadline (and the end). */
  public boolean checkInOpen(Booking b, Instant now) {
    return b.status() == BookingStatus.CONFIRMED && !now.isBefore(checkInOpensAt(b.start()))
      && now.isBefore(noShowAt(b.start())) && now.isBefore(b.end());
  }

  /** The booking is not (or no longer) a confirmed one that a driver could check in to. */
  static Conflict checkInClosed() {
    return new Conflict(Conflict.Reason.CHECK_IN_NOT_OPEN, "Only a confirmed booking can be checked in to, before its no-show deadline");
  }

  Conflict checkInNotOpen(Booking b) {
    return new Conflict(Conflict.Reason.CHECK_IN_NOT_OPEN, b.status() == BookingStatus.CONFIRMED
      ? "Check-in is open from " + checkInMinutesBefore + " minutes before the start until " + noShowMinutes + " minutes after it"
      : "Only a confirmed booking can be checked in to; this one is " + b.status().name(),
      java.util.Map.of("opensAt", checkInOpensAt(b.start()), "closesAt", noShowAt(b.start()).isBefore(b.end())
        ? noShowAt(b.start()) : b.end(), "status", b.status().name()));
  }
}
