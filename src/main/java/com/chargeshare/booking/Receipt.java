package com.chargeshare.booking;

/**
 * The answer an Idempotency-Key retry will hear for a confirmed booking. The engine writes it in the booking's own
 * transaction, so a booking never exists without it.
 */
@FunctionalInterface
public interface Receipt {

  /** For requests without a key: nothing is kept. */
  Receipt NONE = confirmed -> null;

  StoredAnswer answer(BookingOutcome.Confirmed confirmed);
}
