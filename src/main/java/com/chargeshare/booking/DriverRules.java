package com.chargeshare.booking;

/**
 * The fair-booking rules on a driver's side, from the settings: one car ({@code allowOverlap} lifts it) and at most
 * {@code maxUpcoming} confirmed bookings that have not ended (0 = no limit).
 */
public record DriverRules(boolean allowOverlap, int maxUpcoming) {

  public static final DriverRules NONE = new DriverRules(true, 0);

  /** Whether there is anything for a driver's owner to decide: with both rules off the engine skips the ledger. */
  public boolean any() {
    return !allowOverlap || maxUpcoming > 0;
  }
}
