package com.chargeshare.failure;

import java.util.Map;

/** The request is well-formed but the current state refuses it, for the {@link Reason} named. */
public final class Conflict extends DomainFailure {

  /** Why; each name is the error code of the public contract. */
  public enum Reason {
    EMAIL_TAKEN,
    CHARGER_OFFLINE,
    OUTSIDE_OPENING_HOURS,
    CHARGER_HAS_BOOKINGS,
    BOOKING_NOT_CANCELLABLE,
    /** The total the client showed is not what the booked window costs now; details: priceMinor, currency. */
    PRICE_CHANGED,
    /** The driver already holds a confirmed booking overlapping this window; details: bookingId. */
    DRIVER_OVERLAP,
    /** The driver holds the most upcoming bookings allowed; details: limit. */
    BOOKING_LIMIT,
    /**
     * A review cannot be given (or answered) now: the booking has not ended (details: opensAt), did not take place
     * (status), or has its review (reviewed) or answer (replied) already.
     */
    REVIEW_NOT_OPEN,
    /** Check-in is open from shortly before the start until the no-show deadline; details: opensAt, closesAt. */
    CHECK_IN_NOT_OPEN,
    /** The charger has the most photos allowed; details: limit. */
    PHOTO_LIMIT
  }

  private final Reason reason;
  private final Map<String, Object> details;

  public Conflict(Reason reason, String message, Map<String, Object> details) {
    super(message);
    this.reason = reason;
    this.details = Map.copyOf(details);
  }

  public Conflict(Reason reason, String message) {
    this(reason, message, Map.of());
  }

  public Reason reason() {
    return reason;
  }

  /** Plain values (strings, numbers, instants, lists and maps of them) for the answer's details. */
  public Map<String, Object> details() {
    return details;
  }
}
