package com.chargeshare.booking;

import java.util.function.Function;

/** What the booking service answers the edge: a booking made now, or the answer kept for a retried key. */
public sealed interface BookingReply {

  /** One function per case, so every caller handles both. */
  <R> R either(Function<BookingOutcome.Confirmed, R> booked, Function<StoredAnswer, R> replayed);

  record Booked(BookingOutcome.Confirmed confirmed) implements BookingReply {
    @Override
    public <R> R either(Function<BookingOutcome.Confirmed, R> booked, Function<StoredAnswer, R> replayed) {
      return booked.apply(confirmed);
    }
  }

  /** The first answer to this Idempotency-Key, confirmed or refused, as it was worded then. */
  record Replayed(StoredAnswer answer) implements BookingReply {
    @Override
    public <R> R either(Function<BookingOutcome.Confirmed, R> booked, Function<StoredAnswer, R> replayed) {
      return replayed.apply(answer);
    }
  }
}
