package com.chargeshare.booking;

import com.chargeshare.charger.Charger;

import java.util.List;
import java.util.function.Function;

/** What an engine decided on a booking request that passed the rules: confirmed (and committed), or taken. */
public sealed interface BookingOutcome {

  /** One function per case, so every caller handles both. */
  <R> R either(Function<Confirmed, R> confirmed, Function<Taken, R> taken);

  /** Committed; {@code rescheduled} when flex moved the window. */
  record Confirmed(Booking booking, boolean rescheduled) implements BookingOutcome {
    @Override
    public <R> R either(Function<Confirmed, R> confirmed, Function<Taken, R> taken) {
      return confirmed.apply(this);
    }
  }

  /** The window is taken; the engine's own alternatives on the same charger, nearest first. */
  record Taken(Charger charger, List<Window> sameCharger) implements BookingOutcome {
    @Override
    public <R> R either(Function<Confirmed, R> confirmed, Function<Taken, R> taken) {
      return taken.apply(this);
    }
  }
}
