package com.chargeshare.booking;

import com.chargeshare.charger.ChargerStatus;

import java.util.List;

/**
 * Published on {@link #ADDRESS} after each commit, in commit order per charger: the live-availability layer
 * and metrics listen. {@code changes} is empty for a pure status change.
 */
public record ChangeEvent(long chargerId, long seq, List<SlotState> changes, ChargerStatus chargerStatus, boolean availableNow,
                          double lat, double lng, long committedAtNanos, Kind kind, long hostId, long pricePerHourMinor,
                          String currency) {

  public static final String ADDRESS = "chargeshare.changes";

  /**
   * {@code PRICE}: the host changed the price; the event carries the new one. {@code EXPIRED}: an unpaid hold
   * lapsed; {@code NO_SHOW}: the rest of a booking nobody came to was freed.
   */
  public enum Kind { BOOKED, CANCELLED, BLOCKED, UNBLOCKED, STATUS, PRICE, EXPIRED, NO_SHOW }
}
