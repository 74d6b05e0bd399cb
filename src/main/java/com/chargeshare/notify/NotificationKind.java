package com.chargeshare.notify;

import com.chargeshare.booking.LifecycleEvent;

import java.util.List;

/** What a notification is about; each name is the {@code kind} of the public contract. */
public enum NotificationKind {
  BOOKING_CONFIRMED,
  BOOKING_CANCELLED_BY_HOST,
  BOOKING_CANCELLED_BY_DRIVER,
  REMINDER,
  NO_SHOW,
  PAYMENT_RECEIVED,
  REFUND;

  /** Who hears about a step in a booking's life, and as what. */
  public record Recipient(NotificationKind kind, boolean host) {
  }

  /**
   * The notifications a lifecycle step gives: a confirmation to the driver and the host, a host's cancellation to
   * the driver, a driver's to the host, a payment and a refund to the driver, a no-show to both. Holds, expiries
   * and check-ins tell nobody.
   */
  public static List<Recipient> of(LifecycleEvent.Kind step) {
    return switch (step) {
      case CONFIRMED -> List.of(new Recipient(BOOKING_CONFIRMED, false), new Recipient(BOOKING_CONFIRMED, true));
      case CANCELLED_BY_HOST -> List.of(new Recipient(BOOKING_CANCELLED_BY_HOST, false));
      case CANCELLED_BY_DRIVER -> List.of(new Recipient(BOOKING_CANCELLED_BY_DRIVER, true));
      case PAYMENT_RECEIVED -> List.of(new Recipient(PAYMENT_RECEIVED, false));
      case REFUNDED -> List.of(new Recipient(REFUND, false));
      case NO_SHOW -> List.of(new Recipient(NO_SHOW, false), new Recipient(NO_SHOW, true));
      case HELD, EXPIRED, CHECKED_IN -> List.of();
    };
  }
}
