package com.chargeshare.notify;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A notification and its mail write the window and the price as the pages do")
class WordingTest {

  private static final Instant START = Instant.parse("2026-12-03T17:00:00Z");

  private static BookingFacts facts(Instant end, long priceMinor, String currency) {
    return new BookingFacts(7, 3, "Koramangala plug", "1 Main Rd", ZoneId.of("Asia/Kolkata"), START, end, priceMinor,
      currency, null, new BookingFacts.Person(11, "Asha", "asha@example.in"),
      new BookingFacts.Person(12, "Ravi", "ravi@example.in"));
  }

  @Test
  @DisplayName("the price in its currency's minor units with its symbol, in the body and in the mail")
  void price() {
    var words = Wording.of(NotificationKind.PAYMENT_RECEIVED, facts(START.plusSeconds(3600), 15000, "INR"), false);
    assertThat(words.body()).contains("We received ₹150.00 for your booking");
    assertThat(words.text()).contains("Price:    ₹150.00");
    var yen = Wording.of(NotificationKind.PAYMENT_RECEIVED, facts(START.plusSeconds(3600), 500, "JPY"), false);
    assertThat(yen.text()).contains("Price:    ¥500\n");
  }

  @Test
  @DisplayName("a window ending at midnight ends at 24:00 of its day; one over midnight names the next day")
  void window() {
    var toMidnight = Wording.of(NotificationKind.BOOKING_CONFIRMED, facts(START.plusSeconds(5400), 15000, "INR"), false);
    assertThat(toMidnight.body()).contains("for Thu 3 Dec 2026, 22:30–24:00 IST is confirmed");
    var overMidnight = Wording.of(NotificationKind.REMINDER, facts(START.plusSeconds(9000), 15000, "INR"), false);
    assertThat(overMidnight.body()).contains("starts at 22:30 (Thu 3 Dec 2026, 22:30 – Fri 4 Dec, 01:00 IST)");
  }
}
