package com.chargeshare.notify;

import java.time.Instant;
import java.time.ZoneId;

/** What a notification says about a booking: its window, charger (and its time zone), price, driver and host. */
public record BookingFacts(long bookingId, long chargerId, String chargerName, String address, ZoneId zone,
                           Instant start, Instant end, long priceMinor, String currency, String cancelReason,
                           Person driver, Person host) {

  /** A user as a notification addresses them. */
  public record Person(long id, String name, String email) {
  }

  public Person recipient(boolean toHost) {
    return toHost ? host : driver;
  }
}
