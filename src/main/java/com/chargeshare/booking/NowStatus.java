package com.chargeshare.booking;

/** What a charger is doing right now, as search results and charger pages show it. */
public enum NowStatus {
  /** Online, open, and the current slot is unclaimed. */
  FREE,
  /** The current slot is booked or blocked. */
  BUSY,
  /** Outside its opening hours now. */
  CLOSED,
  /** The host took it offline. */
  OFFLINE
}
