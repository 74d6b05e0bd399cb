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
  OFFLINE;

  /** The one rule: offline before closed before busy. */
  public static NowStatus of(boolean online, boolean open, boolean unclaimed) {
    return !online ? OFFLINE : !open ? CLOSED : !unclaimed ? BUSY : FREE;
  }
}
