package com.chargeshare.pages;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Money on pages: one formatter, in the currency's own minor units")
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
}
