package com.chargeshare.notify;

import com.chargeshare.text.Money;
import com.chargeshare.text.Windows;

/**
 * The words of a notification and of its mail, with the booking's window in the charger's own time zone (a driver
 * in another zone reads the time at the charger, as its page shows it). Plain text: pages and mail clients escape.
 */
public final class Wording {

  private static final int TITLE_MAX = 200;
  private static final int BODY_MAX = 1000;

  private Wording() {
  }

  /** A notification's title and body, and its mail's subject and plain text. */
  public record Words(String title, String body, String subject, String text) {
  }

  public static Words of(NotificationKind kind, BookingFacts f, boolean toHost) {
    String when = Windows.window(f.start(), f.end(), f.zone());
    String charger = f.chargerName();
    String title;
    String body;
    switch (kind) {
      case BOOKING_CONFIRMED -> {
        title = toHost ? "New booking at " + charger : "Booking confirmed at " + charger;
        body = toHost ? f.driver().name() + " booked " + charger + " for " + when + "."
          : "Your booking at " + charger + " for " + when + " is confirmed.";
      }
      case BOOKING_CANCELLED_BY_HOST -> {
        title = "The host cancelled your booking at " + charger;
        body = "Your booking at " + charger + " for " + when + " was cancelled by the host" + reason(f) + ".";
      }
      case BOOKING_CANCELLED_BY_DRIVER -> {
        title = "A driver cancelled a booking at " + charger;
        body = f.driver().name() + " cancelled the booking at " + charger + " for " + when + reason(f) + ".";
      }
      case REMINDER -> {
        title = "Your charging starts soon at " + charger;
        body = "Your booking at " + charger + " starts at " + Windows.time(f.start(), f.zone()) + " ("
          + when + ").";
      }
      case NO_SHOW -> {
        title = toHost ? "A driver did not show up at " + charger : "Booking marked as a no-show at " + charger;
        body = toHost ? f.driver().name() + " did not check in for " + when + "; the rest of the window is free again."
          : "You did not check in for your booking at " + charger + " for " + when + "; it was released.";
      }
      case PAYMENT_RECEIVED -> {
        title = "Payment received for " + charger;
        body = "We received " + Money.format(f.priceMinor(), f.currency()) + " for your booking at " + charger + " for " + when + ".";
      }
      case REFUND -> {
        title = "Refund for your booking at " + charger;
        body = "Your booking at " + charger + " for " + when + " is being refunded by the cancellation policy.";
      }
      default -> throw new IllegalArgumentException("no wording for " + kind);
    }
    title = cut(title, TITLE_MAX);
    body = cut(body, BODY_MAX);
    String person = f.recipient(toHost).name();
    String text = "Hello " + person + ",\n\n" + body + "\n\n"
      + "Booking:  #" + f.bookingId() + "\n"
      + "Charger:  " + charger + "\n"
      + (f.address() == null || f.address().isBlank() ? "" : "Address:  " + f.address() + "\n")
      + "When:     " + when + " (" + f.zone().getId() + ")\n"
      + "Price:    " + Money.format(f.priceMinor(), f.currency()) + "\n\n"
      + "EV ChargeShare\n";
    return new Words(title, body, title, text);
  }

  private static String reason(BookingFacts f) {
    return f.cancelReason() == null || f.cancelReason().isBlank() ? "" : " (reason: " + f.cancelReason().strip() + ")";
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
