package com.chargeshare.failure;

import java.time.Instant;
import java.util.List;

/** The window asked for is booked or blocked already; {@link #alternatives()} were free when this was decided. */
public final class SlotTaken extends DomainFailure {

  /**
   * A window of the same length that was free, with what a driver needs to choose it: the charger's name, its
   * distance from the charger asked for (0 on the same one) and the price of this window there.
   */
  public record Alternative(long chargerId, Instant start, Instant end, String name, double distanceKm, long priceMinor,
                            String currency) {
  }

  private final List<Alternative> alternatives;

  public SlotTaken(String message, List<Alternative> alternatives) {
    super(message);
    this.alternatives = List.copyOf(alternatives);
  }

  public List<Alternative> alternatives() {
    return alternatives;
  }
}
