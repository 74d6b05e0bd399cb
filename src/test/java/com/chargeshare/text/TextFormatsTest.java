package com.chargeshare.text;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Money and times as pages, notifications and mail write them: minor units of the currency, windows in the charger's zone")
class TextFormatsTest {

  @Test
  @DisplayName("a currency's minor unit decides the decimals: none for JPY, three for KWD, two for INR and AED")
  void minorUnits() {
    assertThat(Money.format(500, "JPY")).isEqualTo("¥500");
    assertThat(Money.format(1_234_567, "JPY")).isEqualTo("¥1,234,567");
    assertThat(Money.format(1500, "KWD")).isEqualTo("1.500 KWD");
    assertThat(Money.format(5, "KWD")).isEqualTo("0.005 KWD");
    assertThat(Money.format(15000, "INR")).isEqualTo("₹150.00");
    assertThat(Money.format(15050, "AED")).isEqualTo("150.50 AED");
  }

  @Test
  @DisplayName("grouping is by thousands for every currency, the rupee included")
  void grouping() {
    assertThat(Money.format(15_000_000, "INR")).isEqualTo("₹150,000.00");
    assertThat(Money.format(123_456_789, "KWD")).isEqualTo("123,456.789 KWD");
  }

  @Test
  @DisplayName("the grouping written by hand agrees with java.text.DecimalFormat, negative amounts and every width included")
  void sameAsDecimalFormat() {
    var random = new java.util.SplittableRandom(7);
    for (String code : java.util.List.of("INR", "JPY", "KWD", "AED")) {
      int digits = Money.fractionDigits(code);
      var reference = new java.text.DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ENGLISH));
      for (int i = 0; i < 2_000; i++) {
        long minor = random.nextLong(-10_000_000_000L, 10_000_000_000L) / (long) Math.pow(10, random.nextInt(10));
        String amount = reference.format(java.math.BigDecimal.valueOf(minor, digits));
        String expected = "INR".equals(code) ? "₹" + amount : "JPY".equals(code) ? "¥" + amount : amount + " " + code;
        assertThat(Money.format(minor, code)).as("%d %s", minor, code).isEqualTo(expected);
      }
    }
  }

  @Test
  @DisplayName("a code Java does not know is written out with two decimals")
  void unknownCode() {
    assertThat(Money.format(150, "XYZ")).isEqualTo("1.50 XYZ");
    assertThat(Money.fractionDigits("XYZ")).isEqualTo(2);
  }

  @Test
  @DisplayName("a window that ends at midnight ends at 24:00 of its day, in the agenda's times as in the full window")
  void midnight() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    Instant start = Instant.parse("2026-12-03T17:00:00Z");
    assertThat(Windows.times(start, start.plusSeconds(5400), kolkata)).isEqualTo("22:30–24:00 IST");
    assertThat(Windows.window(start, start.plusSeconds(5400), kolkata)).isEqualTo("Thu 3 Dec 2026, 22:30–24:00 IST");
    assertThat(Windows.times(start, start.plusSeconds(9000), kolkata)).isEqualTo("22:30–Fri 4 Dec 01:00 IST");
    assertThat(Windows.times(start, start.plusSeconds(3600), kolkata)).isEqualTo("22:30–23:30 IST");
  }
}
