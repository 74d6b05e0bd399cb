package com.chargeshare.pages;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Formats on pages: money in the currency's own minor units, windows in the charger's zone")
class FormatsTest {

  @Test
  @DisplayName("a currency's minor unit decides the decimals: none for JPY, three for KWD, two for INR and AED")
  void minorUnits() {
    assertThat(Formats.money(500, "JPY")).isEqualTo("¥500");
    assertThat(Formats.money(1_234_567, "JPY")).isEqualTo("¥1,234,567");
    assertThat(Formats.money(1500, "KWD")).isEqualTo("1.500 KWD");
    assertThat(Formats.money(5, "KWD")).isEqualTo("0.005 KWD");
    assertThat(Formats.money(15000, "INR")).isEqualTo("₹150.00");
    assertThat(Formats.money(15050, "AED")).isEqualTo("150.50 AED");
  }

  @Test
  @DisplayName("grouping is by thousands for every currency, the rupee included")
  void grouping() {
    assertThat(Formats.money(15_000_000, "INR")).isEqualTo("₹150,000.00");
    assertThat(Formats.money(123_456_789, "KWD")).isEqualTo("123,456.789 KWD");
  }

  @Test
  @DisplayName("a code Java does not know is written out with two decimals")
  void unknownCode() {
    assertThat(Formats.money(150, "XYZ")).isEqualTo("1.50 XYZ");
    assertThat(Formats.fractionDigits("XYZ")).isEqualTo(2);
  }

  @Test
  @DisplayName("a window that ends at midnight ends at 24:00 of its day, in the agenda's times as in the full window")
  void midnight() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    Instant start = Instant.parse("2026-12-03T17:00:00Z");
    assertThat(Formats.times(start, start.plusSeconds(5400), kolkata)).isEqualTo("22:30–24:00 IST");
    assertThat(Formats.window(start, start.plusSeconds(5400), kolkata)).isEqualTo("Thu 3 Dec 2026, 22:30–24:00 IST");
    assertThat(Formats.times(start, start.plusSeconds(9000), kolkata)).isEqualTo("22:30–Fri 4 Dec 01:00 IST");
    assertThat(Formats.times(start, start.plusSeconds(3600), kolkata)).isEqualTo("22:30–23:30 IST");
  }
}
